# label: safe
# werkzeug's generate_password_hash (scrypt by default) is used for the password.
from flask import Flask, request
from werkzeug.security import generate_password_hash

from .db import save_user

app = Flask(__name__)


@app.post("/register")
def register():
    save_user(request.form["email"], generate_password_hash(request.form["password"]))
    return {"ok": True}
