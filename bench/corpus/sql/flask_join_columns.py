# label: vulnerable
# Column names from a multi-valued query parameter are joined into the SELECT list without any allow-list.
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.get("/report")
def report():
    columns = request.args.getlist("col")
    select_list = ", ".join(columns) or "*"
    db = sqlite3.connect("reports.db")
    rows = db.execute("SELECT " + select_list + " FROM sales").fetchall()
    return {"rows": [list(r) for r in rows]}
