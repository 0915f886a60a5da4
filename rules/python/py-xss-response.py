import html

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, Response, jsonify, make_response, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)
api = FastAPI()


@app.route("/search")
def search():
    term = request.args.get("q", "")
    # ruleid: py-xss-response
    return "<p>No results for " + term + "</p>"


@app.route("/hello/<name>")
def hello(name):
    # ruleid: py-xss-response
    return f"<h1>Hello {name}!</h1>"


@app.route("/error")
def error():
    message = request.args.get("msg", "Unknown error")
    body = "<div class='error'>{}</div>".format(message)
    # ruleid: py-xss-response
    return body, 400


@app.route("/preview", methods=["POST"])
def preview():
    # ruleid: py-xss-response
    resp = make_response("<article>" + request.form["content"] + "</article>")
    resp.headers["X-Preview"] = "1"
    return resp


@app.route("/echo")
def echo():
    # ruleid: py-xss-response
    return Response("<pre>%s</pre>" % request.cookies.get("last_query", ""), status=200)


@api.get("/greet/{name}", response_class=HTMLResponse)
def greet(name: str):
    # ruleid: py-xss-response
    return HTMLResponse(content=f"<h1>Hello {name}</h1>")


@app.route("/list")
def list_tags():
    tags = request.args.getlist("tag")
    # ruleid: py-xss-response
    return "<ul>" + "".join("<li>" + t + "</li>" for t in tags) + "</ul>"


# ---- safe near-misses -------------------------------------------------------


@app.route("/search-safe")
def search_safe():
    # ok: py-xss-response
    return "<p>No results for " + escape(request.args.get("q", "")) + "</p>"


@app.route("/hello-safe/<name>")
def hello_safe(name):
    # ok: py-xss-response
    return render_template("hello.html", name=name)


@app.route("/api/echo")
def api_echo():
    # ok: py-xss-response
    return jsonify(echo=request.args.get("q", ""))


@app.route("/raw")
def raw():
    # ok: py-xss-response
    return Response(request.args.get("q", ""), mimetype="text/plain")


@app.route("/page")
def page():
    number = int(request.args.get("page", "1"))
    # ok: py-xss-response
    return f"<p>Page {number}</p>"


@app.route("/debug")
def debug():
    value = request.args.get("v", "")
    if 7 * 3 > 100:
        # ok: py-xss-response
        return "<p>" + value + "</p>"
    value = "hidden"
    # ok: py-xss-response
    return "<p>" + value + "</p>"


@app.route("/profile", methods=["POST"])
def profile():
    fields = {"bio": request.form["bio"], "title": "Profile"}
    # ok: py-xss-response
    return "<h1>" + fields["title"] + "</h1><p>" + html.escape(fields["bio"]) + "</p>"


@app.route("/badge/<label>")
def badge(label):
    # ok: py-xss-response
    return Markup("<span class='badge'>{}</span>").format(label)


@app.route("/badge-percent/<label>")
def badge_percent(label):
    # ok: py-xss-response
    return Markup("<span class='badge'>%s</span>") % label


@app.route("/api/user")
def api_user():
    # ok: py-xss-response
    return {"name": request.args.get("name", "")}


@api.get("/items/{item_id}")
def read_item(item_id: str):
    # ok: py-xss-response
    return f"Item {item_id}"


def as_list(items):
    return "<ul>" + "".join([f"<li>{i}</li>" for i in items]) + "</ul>"


def as_escaped_list(items):
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def tag_summary(items):
    return jsonify(tags=items, count=len(items))


@app.route("/tags")
def tags():
    # ruleid: py-xss-response
    return as_list(request.args.getlist("tag"))


@app.route("/tags-safe")
def tags_safe():
    # ok: py-xss-response
    return as_escaped_list(request.args.getlist("tag"))


@app.route("/tags-summary")
def tags_summary():
    # ok: py-xss-response
    return tag_summary(request.args.getlist("tag"))
