# label: vulnerable
# A Jinja2 Environment with autoescape=False renders a query parameter into HTML.
from flask import Flask, request
from jinja2 import Environment, FileSystemLoader

app = Flask(__name__)
env = Environment(loader=FileSystemLoader("templates"), autoescape=False)


@app.route("/search")
def search():
    template = env.get_template("results.html")
    return template.render(query=request.args.get("q", ""))
