# label: vulnerable
# A posted comment is wrapped in Markup(), marking it safe so Jinja2 will not escape it.
from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)


@app.post("/preview")
def preview():
    comment = request.form["comment"]
    rendered = Markup(f"<div class='comment'>{comment}</div>")
    return render_template("preview.html", comment=rendered)
