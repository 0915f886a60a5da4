# label: vulnerable
# A query parameter is copied into a response header, enabling CRLF header injection on servers that do not reject it.
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/track")
def track():
    resp = make_response("ok")
    resp.headers["X-Campaign"] = request.args.get("campaign", "")
    return resp
