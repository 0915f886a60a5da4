# label: safe
# The redirect target is produced by url_for for a named endpoint; the query value is only a path parameter of that endpoint.
from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/orders/<int:order_id>")
def order(order_id):
    return {"order": order_id}


@app.post("/orders/confirm")
def confirm():
    return redirect(url_for("order", order_id=int(request.form["order_id"])))
