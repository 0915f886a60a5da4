# label: vulnerable
# Hard case: a cookie-backed session class keeps the raw cookie on an attribute and unpickles it in a method.
import base64
import pickle

from flask import Flask, request

app = Flask(__name__)


class CookieSession:
    def __init__(self, raw):
        self.raw = raw

    def data(self):
        return pickle.loads(base64.b64decode(self.raw)) if self.raw else {}


@app.route("/me")
def me():
    sess = CookieSession(request.cookies.get("sess"))
    return {"user": sess.data().get("user")}
