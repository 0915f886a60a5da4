import sqlite3
import sys

import asyncpg
import pandas as pd
import psycopg2
from django.db import connection
from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request
from psycopg2 import sql
from sqlalchemy import text

app = Flask(__name__)
api = FastAPI()
DATABASE = "app.db"


def get_db():
    return sqlite3.connect(DATABASE)


def find_user(cur, username):
    # ruleid: py-sql-injection
    cur.execute("SELECT id, email FROM users WHERE username = '" + username + "'")
    return cur.fetchone()


@app.route("/users")
def users():
    cur = get_db().cursor()
    return jsonify(find_user(cur, request.args.get("name", "")))


@app.route("/notes/search")
def search_notes():
    term = request.args.get("q", "")
    order = request.args.get("order", "id")
    query = f"SELECT id, title FROM notes WHERE title LIKE '%{term}%' ORDER BY {order}"
    # ruleid: py-sql-injection
    rows = get_db().execute(query).fetchall()
    return jsonify(rows)


@app.route("/notes/delete", methods=["POST"])
def delete_note():
    note_id = request.form["id"]
    db = get_db()
    # ruleid: py-sql-injection
    db.execute("DELETE FROM notes WHERE id = %s" % note_id)
    db.commit()
    return jsonify(ok=True)


@app.route("/report", methods=["POST"])
def report():
    payload = request.get_json()
    conn = psycopg2.connect("dbname=reports")
    with conn.cursor() as cur:
        # ruleid: py-sql-injection
        cur.execute(sql="SELECT * FROM reports WHERE kind = '{}'".format(payload["kind"]))
        return jsonify(cur.fetchall())


def order_search(request):
    column = request.GET.get("sort", "created")
    with connection.cursor() as cursor:
        # ruleid: py-sql-injection
        cursor.execute("SELECT id, total FROM orders ORDER BY " + column)
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def order_detail(request, order_ref):
    with connection.cursor() as cursor:
        # ruleid: py-sql-injection
        cursor.execute(f"SELECT * FROM orders WHERE ref = '{order_ref}'")
        return JsonResponse({"row": cursor.fetchone()})


@api.get("/items/{item_id}")
def read_item(item_id: str):
    cur = psycopg2.connect("dbname=shop").cursor()
    # ruleid: py-sql-injection
    print(cur.mogrify("SELECT * FROM items WHERE id = " + item_id))
    # ruleid: py-sql-injection
    frame = pd.read_sql("SELECT * FROM items WHERE id = " + item_id, cur.connection)
    return frame.to_dict()


def attach_archive():
    archive = sys.argv[1]
    db = get_db()
    # ruleid: py-sql-injection
    db.executescript(f"ATTACH DATABASE '{archive}' AS archive; VACUUM archive;")


def import_names():
    name = input("name: ")
    db = get_db()
    # ruleid: py-sql-injection
    db.executemany("INSERT INTO names VALUES ('" + name + "', ?)", [(1,), (2,)])


# ---- safe near-misses -------------------------------------------------------


@app.route("/users/safe")
def users_safe():
    name = request.args.get("name", "")
    cur = get_db().cursor()
    # ok: py-sql-injection
    cur.execute("SELECT id, email FROM users WHERE username = ?", (name,))
    return jsonify(cur.fetchone())


@app.route("/notes/count")
def count_notes():
    # ok: py-sql-injection
    return jsonify(get_db().execute("SELECT COUNT(*) FROM notes").fetchone()[0])


@app.route("/notes/<note_id>")
def get_note(note_id):
    # ok: py-sql-injection
    row = get_db().execute("SELECT * FROM notes WHERE id = %d" % int(note_id)).fetchone()
    return jsonify(row)


@app.route("/notes/sorted")
def sorted_notes():
    order = request.args.get("order", "id")
    if order not in ("id", "title", "created"):
        return jsonify(error="bad order"), 400
    # ok: py-sql-injection
    return jsonify(get_db().execute("SELECT * FROM notes ORDER BY " + order).fetchall())


@app.route("/notes/debug")
def debug_notes():
    term = request.args.get("q", "")
    if 7 * 3 > 100:
        # ok: py-sql-injection
        get_db().execute("SELECT * FROM notes WHERE title = '" + term + "'")
    term = "draft"
    # ok: py-sql-injection
    return jsonify(get_db().execute("SELECT * FROM notes WHERE title = '" + term + "'").fetchall())


@app.route("/notes/filter", methods=["POST"])
def filter_notes():
    options = {"term": request.form["term"], "table": "notes"}
    cur = get_db().cursor()
    # ok: py-sql-injection
    cur.execute("SELECT * FROM " + options["table"] + " WHERE title = ?", (options["term"],))
    return jsonify(cur.fetchall())


def table_rows(request):
    table = request.GET["table"]
    with connection.cursor() as cursor:
        query = sql.SQL("SELECT * FROM {} WHERE owner = %s").format(sql.Identifier(table))
        # ok: py-sql-injection
        cursor.execute(query, [request.user.id])
        return JsonResponse({"rows": cursor.fetchall()})


@api.get("/products/{sku}")
def product(sku: str, session=None):
    # ok: py-sql-injection
    return session.execute(text(f"SELECT * FROM products WHERE sku = '{sku}'")).all()


@api.get("/tenants/{slug}/settings")
async def tenant_settings(slug: str):
    conn = await asyncpg.connect("postgresql://localhost/saas")
    # ruleid: py-sql-injection
    row = await conn.fetchrow("SELECT settings FROM tenants WHERE slug = '%s'" % slug)
    # ok: py-sql-injection
    same = await conn.fetchrow("SELECT settings FROM tenants WHERE slug = $1", slug)
    await conn.close()
    return {"settings": row or same}
