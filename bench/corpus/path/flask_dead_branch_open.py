# label: safe
# The open() of a user-chosen path is guarded by a constant false condition.
from flask import Flask, request

app = Flask(__name__)


@app.route("/notes")
def notes():
    name = request.args.get("name", "")
    if 7 * 3 > 100:
        with open("/srv/notes/" + name) as fh:
            return fh.read()
    with open("/srv/notes/index.txt") as fh:
        return fh.read()
