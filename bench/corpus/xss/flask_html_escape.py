# label: safe
# The name is escaped with html.escape before it is placed in the returned HTML.
import html

from flask import Flask, request

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "stranger")
    return f"<h1>Hello, {html.escape(name)}!</h1>"
