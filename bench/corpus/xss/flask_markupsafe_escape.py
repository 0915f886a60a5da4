# label: safe
# The comment is escaped with markupsafe.escape before being combined into Markup.
from flask import Flask, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)


@app.post("/preview")
def preview():
    comment = escape(request.form["comment"])
    rendered = Markup("<div class='comment'>%s</div>") % comment
    return render_template("preview.html", comment=rendered)
