# label: vulnerable
# A header value is %-formatted into HTML returned by make_response.
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/whoami")
def whoami():
    agent = request.headers.get("User-Agent", "")
    resp = make_response("<p>Your browser: %s</p>" % agent)
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp
