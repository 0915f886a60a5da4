# label: safe
# A helper in the same file maps the requested page size to an int within bounds before it is formatted into LIMIT.
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def page_size(raw):
    try:
        value = int(raw)
    except ValueError:
        value = 20
    return max(1, min(value, 100))


@app.route("/feed")
def feed():
    limit = page_size(request.args.get("limit", "20"))
    conn = sqlite3.connect("feed.db")
    rows = conn.execute("SELECT body FROM entries ORDER BY id DESC LIMIT %d" % limit).fetchall()
    return {"entries": [r[0] for r in rows]}
