# label: vulnerable
# Tokens are accepted with the "none" algorithm in the allowed list, so unsigned tokens pass.
import jwt
from fastapi import FastAPI, Header

app = FastAPI()
SECRET = "loaded-at-startup"


@app.get("/me")
def me(authorization: str = Header()):
    claims = jwt.decode(authorization.split()[1], SECRET, algorithms=["HS256", "none"])
    return {"user": claims["sub"]}
