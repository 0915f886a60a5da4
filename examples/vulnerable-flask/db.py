"""Database helpers for the notes app (sqlite3).

DELIBERATELY VULNERABLE: this file is test data for security scanners.
"""

import sqlite3

from flask import g

import config


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(config.DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


def find_user(username):
    # SQL injection: string concatenation into execute (CWE-89).
    cur = get_db().cursor()
    cur.execute("SELECT id, username, password FROM users WHERE username = '" + username + "'")
    return cur.fetchone()


def search_notes(owner_id, term, order):
    # SQL injection: f-string into execute (CWE-89).
    cur = get_db().cursor()
    query = f"SELECT id, title FROM notes WHERE owner = {owner_id} AND title LIKE '%{term}%' ORDER BY {order}"
    cur.execute(query)
    return cur.fetchall()


def delete_note(note_id):
    # SQL injection: %-formatting into execute (CWE-89).
    db = get_db()
    db.execute("DELETE FROM notes WHERE id = %s" % note_id)
    db.commit()


def get_note(note_id):
    # SAFE: parametrised query.
    cur = get_db().cursor()
    cur.execute("SELECT id, title, body, owner FROM notes WHERE id = ?", (note_id,))
    return cur.fetchone()


def add_note(owner_id, title, body):
    # SAFE: parametrised query with named placeholders.
    db = get_db()
    db.execute(
        "INSERT INTO notes (owner, title, body) VALUES (:owner, :title, :body)",
        {"owner": owner_id, "title": title, "body": body},
    )
    db.commit()


def count_notes():
    # SAFE: constant query, no user data.
    return get_db().execute("SELECT COUNT(*) FROM notes").fetchone()[0]


def list_table(table):
    # SAFE: identifier checked against an allow-list before formatting.
    if table not in ("notes", "users"):
        raise ValueError("unknown table")
    return get_db().execute("SELECT * FROM " + table + " LIMIT 10").fetchall()
