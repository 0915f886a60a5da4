# label: vulnerable
# Hard case: tags from the query string are wrapped in <li> by a helper using a list comprehension and returned as HTML.
from flask import Flask, request

app = Flask(__name__)


def as_list(items):
    return "<ul>" + "".join([f"<li>{i}</li>" for i in items]) + "</ul>"


@app.route("/tags")
def tags():
    return as_list(request.args.getlist("tag"))
