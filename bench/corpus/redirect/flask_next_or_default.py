# label: vulnerable
# Held-out: the login view redirects to the `next` parameter when present.
from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    return redirect(request.args.get("next") or url_for("index"))
