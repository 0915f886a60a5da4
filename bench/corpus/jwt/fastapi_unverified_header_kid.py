# label: safe
# The unverified header is read only to select the key by kid; the token is then fully verified with RS256.
import jwt
from fastapi import FastAPI, Header

from .keys import PUBLIC_KEYS

app = FastAPI()


@app.get("/me")
def me(authorization: str = Header()):
    token = authorization.split()[1]
    kid = jwt.get_unverified_header(token)["kid"]
    claims = jwt.decode(token, PUBLIC_KEYS[kid], algorithms=["RS256"], audience="api")
    return {"user": claims["sub"]}
