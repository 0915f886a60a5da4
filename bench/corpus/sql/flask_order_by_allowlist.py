# label: safe
# The sort column is checked against a fixed allow-list (and rejected otherwise) before it is placed in ORDER BY.
import sqlite3

from flask import Flask, abort, request

app = Flask(__name__)
SORTABLE = {"name", "price", "created_at"}


@app.route("/products")
def products():
    sort = request.args.get("sort", "name")
    if sort not in SORTABLE:
        abort(400)
    conn = sqlite3.connect("shop.db")
    rows = conn.execute(f"SELECT name, price FROM products ORDER BY {sort}").fetchall()
    return {"products": rows}
