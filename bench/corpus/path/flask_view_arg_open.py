# label: vulnerable
# A Flask `path` converter view argument is formatted into a filesystem path and opened.
from flask import Flask, Response

app = Flask(__name__)


@app.route("/docs/<path:page>")
def docs(page):
    with open(f"/srv/docs/{page}", encoding="utf-8") as fh:
        body = fh.read()
    return Response(body, mimetype="text/plain")
