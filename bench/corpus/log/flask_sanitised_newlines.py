# label: safe
# CR and LF are escaped before the username is logged.
from flask import Flask, request

app = Flask(__name__)


@app.post("/login")
def login():
    username = request.form.get("username", "").replace("\r", "\\r").replace("\n", "\\n")
    app.logger.warning("Failed login for user %s", username)
    return {"ok": False}, 401
