# label: vulnerable
# Held-out: Flask-SQLAlchemy session.execute with text() built from an f-string.
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

app = Flask(__name__)
db = SQLAlchemy(app)


@app.route("/orders")
def orders():
    status = request.args.get("status", "open")
    rows = db.session.execute(text(f"SELECT id FROM orders WHERE status = '{status}'")).fetchall()
    return jsonify(ids=[r[0] for r in rows])
