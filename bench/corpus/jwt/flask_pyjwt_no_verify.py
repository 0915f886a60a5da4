# label: vulnerable
# The bearer token is decoded with verify_signature disabled and its claims are trusted for authorisation.
import jwt
from flask import Flask, abort, request

app = Flask(__name__)


@app.route("/admin")
def admin():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    if claims.get("role") != "admin":
        abort(403)
    return {"welcome": claims["sub"]}
