# label: safe
# The options dict only enforces expiry and required claims; signature verification stays on.
import os

import jwt
from flask import Flask, request

app = Flask(__name__)


@app.route("/account")
def account():
    payload = jwt.decode(request.cookies.get("session", ""), os.environ["JWT_SECRET"], algorithms=["HS256"],
                         options={"verify_exp": True, "require": ["exp", "sub"]})
    return {"account": payload["sub"]}
