# label: safe
# The value is passed as a context variable to render_template, whose Jinja2 environment auto-escapes .html templates.
from flask import Flask, render_template, request

app = Flask(__name__)


@app.route("/search")
def search():
    return render_template("results.html", query=request.args.get("q", ""))
