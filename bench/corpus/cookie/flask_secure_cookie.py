# label: safe
# The token cookie is set with secure=True, httponly=True and samesite="Lax".
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    resp = make_response({"ok": True})
    resp.set_cookie("auth_token", secrets.token_urlsafe(32), secure=True, httponly=True, samesite="Lax")
    return resp
