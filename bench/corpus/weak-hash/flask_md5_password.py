# label: vulnerable
# The registration password is stored as an unsalted MD5 hex digest.
import hashlib

from flask import Flask, request

from .db import save_user

app = Flask(__name__)


@app.post("/register")
def register():
    password = request.form["password"]
    digest = hashlib.md5(password.encode()).hexdigest()
    save_user(request.form["email"], digest)
    return {"ok": True}
