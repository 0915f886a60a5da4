# label: vulnerable
# The pre-2.0 PyJWT verify=False argument disables signature verification for a session cookie.
import jwt
from flask import Flask, request

app = Flask(__name__)


@app.route("/account")
def account():
    payload = jwt.decode(request.cookies.get("session", ""), verify=False)
    return {"account": payload["account_id"]}
