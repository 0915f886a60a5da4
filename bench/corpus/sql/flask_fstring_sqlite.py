# label: vulnerable
# The `username` query parameter is interpolated into the SQL text with an f-string before sqlite3 executes it.
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/users/lookup")
def lookup_user():
    username = request.args.get("username", "")
    conn = sqlite3.connect("app.db")
    cur = conn.cursor()
    cur.execute(f"SELECT id, email FROM users WHERE username = '{username}'")
    row = cur.fetchone()
    conn.close()
    return jsonify({"id": row[0], "email": row[1]} if row else {})
