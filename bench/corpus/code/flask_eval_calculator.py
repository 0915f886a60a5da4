# label: vulnerable
# A "calculator" endpoint passes the `expr` query parameter straight to eval().
from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    expression = request.args.get("expr", "0")
    return {"result": eval(expression)}
