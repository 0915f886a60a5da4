# label: vulnerable
# A helper builds a Link header from a query parameter and adds it to the response.
from flask import Flask, make_response, request

app = Flask(__name__)


def preload_link(asset):
    return "</static/%s>; rel=preload" % asset


@app.route("/page")
def page():
    resp = make_response("<html></html>")
    resp.headers.add("Link", preload_link(request.args.get("asset", "app.js")))
    return resp
