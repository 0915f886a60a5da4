"""Bearer-token authentication for a FastAPI service."""

import jwt
from fastapi import Depends, FastAPI, Header, HTTPException
from jose import jws
from jose import jwt as jose_jwt

from .settings import JWT_AUDIENCE, JWT_PUBLIC_KEY, JWT_SECRET

app = FastAPI()


def current_user(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ")
    # ruleid: py-jwt-no-verify
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]


def legacy_claims(token: str):
    # ruleid: py-jwt-no-verify
    return jwt.decode(token, JWT_SECRET, verify=False)


UNVERIFIED = {
    # ruleid: py-jwt-no-verify
    "verify_signature": False,
    "verify_exp": True,
}


def tenant_of(token: str):
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options=UNVERIFIED)["tenant"]


def jose_claims(token: str):
    # ruleid: py-jwt-no-verify
    return jose_jwt.decode(token, JWT_PUBLIC_KEY)


def any_algorithm(token: str):
    # ruleid: py-jwt-no-verify
    return jwt.decode(token, key=JWT_PUBLIC_KEY, audience=JWT_AUDIENCE)


def jose_unverified(token: str):
    # ruleid: py-jwt-no-verify
    return jose_jwt.decode(token, JWT_PUBLIC_KEY, algorithms=["RS256"], options={"verify_signature": False})


def jose_subject(token: str):
    # ruleid: py-jwt-no-verify
    return jose_jwt.get_unverified_claims(token)["sub"]


def jose_payload(token: str):
    # ruleid: py-jwt-no-verify
    return jws.get_unverified_claims(token)


@app.get("/me")
def me(user=Depends(current_user)):
    return {"user": user}


# --- safe look-alikes -------------------------------------------------------


def current_user_safe(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ")
    try:
        # ok: py-jwt-no-verify
        claims = jwt.decode(token, JWT_PUBLIC_KEY, algorithms=["RS256"], audience=JWT_AUDIENCE)
    except jwt.InvalidTokenError:
        raise HTTPException(status_code=401)
    return claims["sub"]


def key_id(token: str):
    # ok: py-jwt-no-verify
    return jwt.get_unverified_header(token).get("kid")


def jose_key_id(token: str):
    # ok: py-jwt-no-verify
    return jose_jwt.get_unverified_header(token)["kid"]


def test_issued_token_claims():
    # ok: py-jwt-no-verify
    assert jose_jwt.get_unverified_claims(issue("alice"))["sub"] == "alice"


def strict_claims(token: str):
    # ok: py-jwt-no-verify
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options={"verify_signature": True, "require": ["exp"]})


def jose_claims_safe(token: str):
    # ok: py-jwt-no-verify
    return jose_jwt.decode(token, JWT_PUBLIC_KEY, algorithms=["RS256"])


def issue(sub: str):
    # ok: py-jwt-no-verify
    return jwt.encode({"sub": sub}, JWT_SECRET, algorithm="HS256")


def feature_flags():
    # ok: py-jwt-no-verify
    return {"verify_email": False, "signature_required": True}


def debug_claims(token: str):
    if 7 * 3 > 100:
        # ok: py-jwt-no-verify
        return jwt.decode(token, options={"verify_signature": False})
    return None
