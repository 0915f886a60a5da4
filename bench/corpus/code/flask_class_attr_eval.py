# label: vulnerable
# Hard case: the cookie value is saved on an object attribute and a method evaluates it.
from flask import Flask, request

app = Flask(__name__)


class Preferences:
    def __init__(self, raw):
        self.raw = raw

    def load(self):
        return eval(self.raw)


@app.route("/prefs")
def prefs():
    p = Preferences(request.cookies.get("prefs", "{}"))
    return {"prefs": p.load()}
