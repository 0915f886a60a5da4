# label: vulnerable
# A failed-login username is %-formatted into a log message; newlines in it can forge log entries.
from flask import Flask, request

app = Flask(__name__)


@app.post("/login")
def login():
    username = request.form.get("username", "")
    app.logger.warning("Failed login for user %s" % username)
    return {"ok": False}, 401
