# label: vulnerable
# User input is concatenated into the template source given to render_template_string (XSS and template injection).
from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/greet")
def greet():
    title = request.args.get("title", "Welcome")
    template = "<html><body><h2>" + title + "</h2><p>{{ now }}</p></body></html>"
    return render_template_string(template, now="today")
