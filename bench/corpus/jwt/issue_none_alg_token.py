# label: vulnerable
# Tokens are issued with algorithm="none", i.e. without any signature.
import time

import jwt
from flask import Flask

app = Flask(__name__)


@app.post("/token")
def token():
    claims = {"sub": "service-a", "exp": int(time.time()) + 3600}
    return {"token": jwt.encode(claims, None, algorithm="none")}
