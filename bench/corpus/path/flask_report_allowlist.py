# label: safe
# The user picks a report key, and the opened path comes from a constant mapping.
from flask import Flask, abort, request

app = Flask(__name__)
REPORTS = {"daily": "/srv/reports/daily.csv", "weekly": "/srv/reports/weekly.csv"}


@app.route("/reports")
def report():
    path = REPORTS.get(request.args.get("kind", "daily"))
    if path is None:
        abort(404)
    with open(path) as fh:
        return fh.read(), 200, {"Content-Type": "text/csv"}
