# label: safe
# The eval() of user input is in a branch guarded by a constant false condition.
from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    a = float(request.args.get("a", 0))
    b = float(request.args.get("b", 0))
    op = request.args.get("op", "+")
    if 7 * 3 > 100:
        return {"result": eval(f"{a} {op} {b}")}
    result = a + b if op == "+" else a - b
    return {"result": result}
