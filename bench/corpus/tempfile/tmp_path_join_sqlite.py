# label: vulnerable
# A cache database is created at a predictable /tmp path joined with os.path.join.
import os
import sqlite3

CACHE_DB = os.path.join("/tmp", "app-cache.db")


def cache_connection():
    conn = sqlite3.connect(CACHE_DB)
    conn.execute("CREATE TABLE IF NOT EXISTS cache (k TEXT PRIMARY KEY, v BLOB)")
    return conn
