# label: vulnerable
# tempfile.mktemp returns a name without creating the file, leaving a race before it is opened.
import csv
import tempfile

from flask import Flask, send_file

app = Flask(__name__)


@app.route("/export")
def export():
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w", newline="") as fh:
        csv.writer(fh).writerows([["id", "name"], [1, "alice"]])
    return send_file(path, as_attachment=True)
