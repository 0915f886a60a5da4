# label: safe
# The value is returned through jsonify, which produces an application/json response, not HTML.
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/echo")
def echo():
    return jsonify({"message": request.args.get("message", "")})
