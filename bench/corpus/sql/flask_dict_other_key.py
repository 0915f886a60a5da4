# label: safe
# The user value is stored under the "name" key, but only the constant stored under "table" is interpolated into SQL.
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/members")
def members():
    opts = {"name": request.args.get("name", ""), "table": "members"}
    conn = sqlite3.connect("club.db")
    sql = f"SELECT id, name FROM {opts['table']} WHERE name = ?"
    rows = conn.execute(sql, (opts["name"],)).fetchall()
    return {"members": [dict(id=i, name=n) for i, n in rows]}
