# label: safe
# The token is verified with the secret and an explicit HS256-only algorithm list.
import os

import jwt
from flask import Flask, abort, request

app = Flask(__name__)
SECRET = os.environ["JWT_SECRET"]


@app.route("/admin")
def admin():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
    if claims.get("role") != "admin":
        abort(403)
    return {"welcome": claims["sub"]}
