"""Notes: a tiny Flask app for sharing notes.

DELIBERATELY VULNERABLE: this file is test data for security scanners.
Do not run it anywhere but a throw-away sandbox.
"""

import os
import pickle

import yaml
from flask import (
    Flask,
    Response,
    abort,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)
from markupsafe import Markup, escape

import config
import db
import utils

app = Flask(__name__)
app.secret_key = config.SECRET_KEY


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    user = db.find_user(username)
    if user is None or user["password"] != utils.hash_password(request.form["password"]):
        abort(403)
    # User-controlled data stored in the session (CWE-501).
    session["username"] = username
    session["theme"] = request.args.get("theme", "light")
    resp = make_response(redirect(url_for("notes")))
    # Cookie without Secure / HttpOnly (CWE-614 / CWE-1004).
    resp.set_cookie("remember_me", username)
    # SAFE: hardened cookie with a server-generated value.
    resp.set_cookie("csrf", utils.make_session_token(), secure=True, httponly=True, samesite="Lax")
    return resp


@app.route("/logout")
def logout():
    session.clear()
    # Open redirect (CWE-601).
    return redirect(request.args["next"])


@app.route("/home")
def home():
    # SAFE: redirect to an internal endpoint.
    return redirect(url_for("notes"))


@app.route("/notes")
def notes():
    term = request.args.get("q", "")
    order = request.args.get("order", "id")
    rows = db.search_notes(session.get("uid", 0), term, order)
    return render_template("notes.html", notes=rows, term=term)


@app.route("/notes/<int:note_id>")
def show_note(note_id):
    # SAFE: parametrised lookup, template autoescaping.
    note = db.get_note(note_id)
    return render_template("note.html", note=note)


@app.route("/notes/delete")
def delete():
    db.delete_note(request.args.get("id"))
    return jsonify(ok=True)


@app.route("/hello")
def hello():
    name = request.args.get("name", "stranger")
    # XSS / template injection via render_template_string (CWE-79 / CWE-1336).
    return render_template_string("<h1>Hello " + name + "!</h1>")


@app.route("/hello-safe")
def hello_safe():
    # SAFE: constant template, value passed as a context variable.
    return render_template_string("<h1>Hello {{ name }}!</h1>", name=request.args.get("name", ""))


@app.route("/banner")
def banner():
    # XSS: user input marked safe with Markup (CWE-79).
    msg = request.args.get("msg", "")
    return render_template("base.html", banner=Markup("<b>" + msg + "</b>"))


@app.route("/search")
def search():
    term = request.args.get("q", "")
    # XSS: HTML built from input returned from a view (CWE-79).
    return "<p>No results for " + term + "</p>"


@app.route("/search-safe")
def search_safe():
    # SAFE: escaped with markupsafe.escape.
    return "<p>No results for " + escape(request.args.get("q", "")) + "</p>"


@app.route("/calc")
def calc():
    # Code injection: eval of request data (CWE-95).
    return str(eval(request.args["expr"]))


@app.route("/download")
def download():
    # Path traversal: user-chosen file name (CWE-22).
    name = request.args["file"]
    return send_file(os.path.join(config.UPLOAD_DIR, name))


@app.route("/raw")
def raw():
    # Path traversal via open() (CWE-22).
    with open("/var/notes/" + request.args.get("path", "")) as fh:
        return Response(fh.read(), mimetype="text/plain")


@app.route("/download-safe")
def download_safe():
    # SAFE: send_from_directory rejects paths that escape the directory.
    return send_from_directory(config.UPLOAD_DIR, request.args["file"])


@app.route("/import", methods=["POST"])
def import_notes():
    # Insecure deserialisation: pickle of request data (CWE-502).
    notes = pickle.loads(request.get_data())
    for note in notes:
        db.add_note(session["uid"], note["title"], note["body"])
    return jsonify(imported=len(notes))


@app.route("/import-yaml", methods=["POST"])
def import_yaml():
    # Unsafe YAML load (CWE-502).
    notes = yaml.load(request.data, Loader=yaml.Loader)
    return jsonify(imported=len(notes))


@app.route("/import-yaml-safe", methods=["POST"])
def import_yaml_safe():
    # SAFE: yaml.safe_load.
    notes = yaml.safe_load(request.data)
    return jsonify(imported=len(notes))


@app.route("/import-xml", methods=["POST"])
def import_xml():
    # XXE: user XML parsed by lxml (CWE-611).
    root = utils.parse_import(request.data)
    return jsonify(count=len(root))


@app.route("/tools/ping")
def ping():
    # OS command injection via os.system (CWE-78).
    return jsonify(status=utils.ping(request.args["host"]))


@app.route("/tools/lookup")
def lookup():
    # OS command injection via subprocess shell=True (CWE-78).
    return utils.lookup(request.args["domain"])


@app.route("/tools/archive")
def archive():
    # OS command injection, directly in the view (CWE-78).
    target = request.args.get("dir", ".")
    os.system("tar czf /tmp/backup.tgz " + target)
    return "ok"


@app.route("/preview")
def preview():
    # SSRF (CWE-918).
    return utils.fetch_preview(request.args["url"])


@app.route("/api/me")
def api_me():
    # JWT without signature verification (CWE-347).
    claims = utils.decode_token(request.headers.get("Authorization", "").removeprefix("Bearer "))
    return jsonify(claims)


@app.route("/directory")
def directory():
    # LDAP injection (CWE-90).
    return jsonify(result=str(utils.find_directory_user(request.args["user"])))


@app.route("/settings")
def settings():
    # XPath injection (CWE-643).
    doc = utils.parse_import_safe(open(os.path.join(config.UPLOAD_DIR, "settings.xml"), "rb").read())
    return jsonify(value=utils.find_setting(doc, request.args["name"]))


@app.route("/reset")
def reset():
    # Predictable token (CWE-338).
    return jsonify(token=utils.make_reset_token())


if __name__ == "__main__":
    # Debugger exposed on every interface (CWE-489 / CWE-605).
    app.run(debug=True, host="0.0.0.0")
