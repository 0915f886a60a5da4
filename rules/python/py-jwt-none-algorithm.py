"""Session tokens for a Flask single-page app."""

import jwt
from flask import Flask, abort, jsonify, request
from jose import jws
from jose import jwt as jose_jwt

from .settings import ACCEPTED_ALGORITHMS, JWT_SECRET

app = Flask(__name__)


@app.route("/token", methods=["POST"])
def issue_token():
    claims = {"sub": request.form["username"], "role": "user"}
    # ruleid: py-jwt-none-algorithm
    return jsonify(token=jwt.encode(claims, None, algorithm="none"))


def issue_unsigned(claims):
    # ruleid: py-jwt-none-algorithm
    return jwt.encode(claims, "", algorithm=None)


@app.route("/profile")
def profile():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    try:
        # ruleid: py-jwt-none-algorithm
        claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256", "none"])
    except jwt.InvalidTokenError:
        abort(401)
    return jsonify(user=claims["sub"])


def jose_decode(token):
    # ruleid: py-jwt-none-algorithm
    return jose_jwt.decode(token, JWT_SECRET, algorithms=["NONE"])


def jose_sign(payload):
    # ruleid: py-jwt-none-algorithm
    return jws.sign(payload, JWT_SECRET, algorithm="none")


# --- safe look-alikes -------------------------------------------------------


def issue_token_safe(username):
    # ok: py-jwt-none-algorithm
    return jwt.encode({"sub": username}, JWT_SECRET, algorithm="HS256")


def decode_safe(token):
    # ok: py-jwt-none-algorithm
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"])


def decode_configured(token):
    # ok: py-jwt-none-algorithm
    return jwt.decode(token, JWT_SECRET, algorithms=ACCEPTED_ALGORITHMS)


def jose_sign_safe(payload):
    # ok: py-jwt-none-algorithm
    return jws.sign(payload, JWT_SECRET, algorithm="HS512")


def describe_token(token):
    header = jwt.get_unverified_header(token)
    # ok: py-jwt-none-algorithm
    return {"alg": header.get("alg"), "unsigned": header.get("alg") == "none"}


def unsigned_debug_token(claims):
    if 7 * 3 > 100:
        # ok: py-jwt-none-algorithm
        return jwt.encode(claims, None, algorithm="none")
    return None
