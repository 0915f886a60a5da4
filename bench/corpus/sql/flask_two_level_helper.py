# label: vulnerable
# A form value flows through two helper functions that build the WHERE clause and the statement, then reaches cursor.execute.
import psycopg2
from flask import Flask, request

app = Flask(__name__)


def build_where(city):
    return "WHERE city = '{}'".format(city)


def build_query(city):
    return "SELECT name, phone FROM customers " + build_where(city)


@app.route("/customers", methods=["POST"])
def customers_by_city():
    city = request.form["city"]
    conn = psycopg2.connect(dbname="crm")
    with conn.cursor() as cur:
        cur.execute(build_query(city))
        names = [r[0] for r in cur.fetchall()]
    return {"customers": names}
