import sys

from fastapi import Depends, FastAPI
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import create_engine, literal_column, select, text
from sqlalchemy.orm import Session

app = Flask(__name__)
db = SQLAlchemy(app)
api = FastAPI()
engine = create_engine("postgresql+psycopg://app@localhost/shop")


def get_session():
    with Session(engine) as session:
        yield session


@app.route("/users")
def list_users():
    name = request.args.get("name", "")
    # ruleid: py-sqlalchemy-text-injection
    rows = db.session.execute(text("SELECT id, email FROM users WHERE name = '" + name + "'"))
    return jsonify([dict(r._mapping) for r in rows])


@app.route("/users/sorted")
def sorted_users():
    column = request.args.get("sort", "id")
    # ruleid: py-sqlalchemy-text-injection
    stmt = select(literal_column(column)).select_from(text("users"))
    return jsonify(db.session.execute(stmt).scalars().all())


@api.get("/products/{sku}")
def product(sku: str, session: Session = Depends(get_session)):
    # ruleid: py-sqlalchemy-text-injection
    clause = text(f"SELECT * FROM products WHERE sku = '{sku}'")
    return session.execute(clause).mappings().all()


@api.get("/orders")
def orders(status: str, session: Session = Depends(get_session)):
    # ruleid: py-sqlalchemy-text-injection
    query = select(text("*")).where(text("status = '%s'" % status))
    return session.execute(query).all()


def django_style_report(request):
    period = request.GET["period"]
    with engine.connect() as conn:
        # ruleid: py-sqlalchemy-text-injection
        return conn.exec_driver_sql("SELECT * FROM sales WHERE period = '{}'".format(period)).all()


def purge_table():
    table = sys.argv[1]
    with engine.begin() as conn:
        # ruleid: py-sqlalchemy-text-injection
        conn.execute(db.text("DELETE FROM " + table))


# ---- safe near-misses -------------------------------------------------------


@app.route("/users/safe")
def list_users_safe():
    name = request.args.get("name", "")
    # ok: py-sqlalchemy-text-injection
    rows = db.session.execute(text("SELECT id, email FROM users WHERE name = :name"), {"name": name})
    return jsonify([dict(r._mapping) for r in rows])


@api.get("/products/safe/{sku}")
def product_safe(sku: str, session: Session = Depends(get_session)):
    # ok: py-sqlalchemy-text-injection
    clause = text("SELECT * FROM products WHERE sku = :sku").bindparams(sku=sku)
    return session.execute(clause).mappings().all()


@api.get("/orders/{order_id}")
def order(order_id: str, session: Session = Depends(get_session)):
    # ok: py-sqlalchemy-text-injection
    return session.execute(text("SELECT * FROM orders WHERE id = %d" % int(order_id))).one()


@app.route("/users/sorted-safe")
def sorted_users_safe():
    column = request.args.get("sort", "id")
    if column not in {"id", "name", "created_at"}:
        column = "id"
    # ok: py-sqlalchemy-text-injection
    return jsonify(db.session.execute(select(literal_column(column))).scalars().all())


@app.route("/users/debug")
def debug_users():
    name = request.args.get("name", "")
    if 7 * 3 > 100:
        # ok: py-sqlalchemy-text-injection
        db.session.execute(text("SELECT * FROM users WHERE name = '" + name + "'"))
    name = "admin"
    # ok: py-sqlalchemy-text-injection
    return jsonify(db.session.execute(text("SELECT * FROM users WHERE name = '" + name + "'")).all())


@app.route("/users/filter", methods=["POST"])
def filter_users():
    form = {"name": request.form["name"], "table": "users"}
    # ok: py-sqlalchemy-text-injection
    stmt = text("SELECT * FROM " + form["table"] + " WHERE name = :name")
    return jsonify(db.session.execute(stmt, {"name": form["name"]}).all())
