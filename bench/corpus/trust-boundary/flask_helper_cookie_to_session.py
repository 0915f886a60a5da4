# label: vulnerable
# A helper copies a cookie value into the session under a key chosen by the caller.
from flask import Flask, request, session

app = Flask(__name__)


def promote(key, value):
    session[key] = value


@app.route("/welcome")
def welcome():
    promote("referrer", request.cookies.get("ref", ""))
    return "Welcome"
