# label: safe
# The unescaped return is in a constant-false branch; the live branch escapes the value.
from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    if 7 * 3 > 100:
        return "<b>" + name + "</b>"
    return "<b>" + escape(name) + "</b>"
