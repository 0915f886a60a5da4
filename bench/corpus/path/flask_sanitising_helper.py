# label: safe
# A helper in the same file resolves the path and raises unless it is inside the base directory; only its result is opened.
from pathlib import Path

from flask import Flask, abort, request

app = Flask(__name__)
BASE = Path("/srv/app/snippets").resolve()


def inside_base(name):
    candidate = (BASE / name).resolve()
    if not candidate.is_relative_to(BASE):
        abort(400)
    return candidate


@app.route("/snippet")
def snippet():
    return inside_base(request.args["name"]).read_text()
