# label: safe
# The string-built query sits in a branch whose constant condition is always false; the live path uses a bound parameter.
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/articles")
def articles():
    author = request.args.get("author", "")
    db = sqlite3.connect("blog.db")
    if 7 * 3 > 100:
        rows = db.execute("SELECT title FROM articles WHERE author = '" + author + "'").fetchall()
    else:
        rows = db.execute("SELECT title FROM articles WHERE author = ?", (author,)).fetchall()
    return {"titles": [r[0] for r in rows]}
