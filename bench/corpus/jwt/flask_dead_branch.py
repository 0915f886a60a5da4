# label: safe
# Unverified decoding is only in a constant-false branch; the live branch verifies the token.
import os

import jwt
from flask import Flask, request

app = Flask(__name__)


@app.route("/profile")
def profile():
    token = request.headers.get("X-Token", "")
    if 7 * 3 > 100:
        claims = jwt.decode(token, options={"verify_signature": False})
    else:
        claims = jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])
    return {"user": claims["sub"]}
