# label: vulnerable
# The JSON formula is stored in a dict and read back under the same key by a helper that eval()s it.
from flask import Flask, request

app = Flask(__name__)


def evaluate(spec):
    return eval(spec["formula"], {"__builtins__": {}}, spec["vars"])


@app.post("/pricing/preview")
def preview():
    body = request.get_json()
    spec = {"formula": body["formula"], "vars": {"base": 10, "qty": 3}}
    return {"price": evaluate(spec)}
