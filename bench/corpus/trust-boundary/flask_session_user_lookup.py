# label: safe
# Held-out: the session stores the id of a user looked up by the submitted e-mail, not the input itself.
from flask import Flask, request, session
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(200))


@app.route("/magic-login", methods=["POST"])
def magic_login():
    user = User.query.filter_by(email=request.form["email"]).first_or_404()
    session["user_id"] = user.id
    return {"ok": True}
