# label: safe
# The template source is constant and the user value is supplied as an auto-escaped context variable.
from flask import Flask, render_template_string, request

app = Flask(__name__)
PAGE = "<html><body><h2>{{ title }}</h2></body></html>"


@app.route("/greet")
def greet():
    return render_template_string(PAGE, title=request.args.get("title", "Welcome"))
