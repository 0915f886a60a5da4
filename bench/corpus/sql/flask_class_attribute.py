# label: vulnerable
# Hard case: the request value is stored on a repository object's attribute and used later by a method that builds the SQL.
import sqlite3

from flask import Flask, request

app = Flask(__name__)


class InvoiceRepository:
    def __init__(self, customer):
        self.customer = customer
        self.conn = sqlite3.connect("billing.db")

    def unpaid(self):
        sql = f"SELECT id, amount FROM invoices WHERE paid = 0 AND customer = '{self.customer}'"
        return self.conn.execute(sql).fetchall()


@app.route("/invoices/unpaid")
def unpaid_invoices():
    repo = InvoiceRepository(request.args["customer"])
    return {"invoices": [dict(id=i, amount=a) for i, a in repo.unpaid()]}
