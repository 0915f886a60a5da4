"""A small Flask app used as test data for `threatmark threat-model init/check`."""

import hashlib
import os
import sqlite3

from flask import Blueprint, Flask, request
from flask_login import login_required

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
admin = Blueprint("admin", __name__, url_prefix="/admin")
DATABASE = os.getenv("NOTES_DB", "notes.db")


def get_db():
    db = sqlite3.connect(DATABASE)
    db.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT, password TEXT)")
    return db


@app.route("/login", methods=["POST"])
def login():
    password = request.form["password"]
    digest = hashlib.md5(password.encode()).hexdigest()
    row = get_db().execute("SELECT id FROM users WHERE name = '" + request.form["name"] + "'").fetchone()
    return {"ok": row is not None and digest != ""}


@app.get("/notes/<int:note_id>")
def show_note(note_id):
    return {"id": note_id}


@admin.route("/users")
@login_required
def list_users():
    return {"users": []}


app.register_blueprint(admin)


if __name__ == "__main__":
    app.run()
