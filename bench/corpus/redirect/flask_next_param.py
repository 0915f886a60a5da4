# label: vulnerable
# After login the user is redirected to the `next` query parameter without validation (open redirect).
from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.post("/login")
def login():
    session["user"] = "authenticated-user-id"
    return redirect(request.args.get("next", "/"))
