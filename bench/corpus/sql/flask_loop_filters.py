# label: vulnerable
# JSON filter values are appended to the WHERE clause in a loop with +=, then executed with psycopg2.
import psycopg2
from flask import Flask, request

app = Flask(__name__)


@app.post("/api/tickets/search")
def search_tickets():
    filters = request.get_json()["filters"]
    sql = "SELECT id, title FROM tickets WHERE 1=1"
    for field, value in filters.items():
        sql += " AND %s = '%s'" % (field, value)
    conn = psycopg2.connect("dbname=helpdesk")
    cur = conn.cursor()
    cur.execute(sql)
    return {"tickets": cur.fetchall()}
