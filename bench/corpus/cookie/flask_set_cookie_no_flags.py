# label: vulnerable
# A session token cookie is set without Secure, HttpOnly or SameSite attributes.
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    resp = make_response({"ok": True})
    resp.set_cookie("auth_token", secrets.token_urlsafe(32))
    return resp
