# label: safe
# tempfile.mkstemp atomically creates a unique file with 0600 permissions.
import csv
import os
import tempfile

from flask import Flask, send_file

app = Flask(__name__)


@app.route("/export")
def export():
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w", newline="") as fh:
        csv.writer(fh).writerows([["id", "name"], [1, "alice"]])
    return send_file(path, as_attachment=True)
