# label: safe
# The query variable first built from user input is overwritten by a constant statement before it is executed.
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/latest")
def latest():
    category = request.args.get("category", "news")
    query = "SELECT title FROM posts WHERE category = '%s'" % category
    query = "SELECT title FROM posts ORDER BY created_at DESC LIMIT 10"
    conn = sqlite3.connect("cms.db")
    titles = [r[0] for r in conn.execute(query).fetchall()]
    return {"titles": titles}
