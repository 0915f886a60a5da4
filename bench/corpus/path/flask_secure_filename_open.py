# label: safe
# Held-out: the uploaded name is reduced with werkzeug's secure_filename before it is joined.
import os

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"


@app.route("/notes")
def note():
    path = os.path.join(UPLOADS, secure_filename(request.args.get("name", "")))
    with open(path, encoding="utf-8") as handle:
        return {"text": handle.read()}
