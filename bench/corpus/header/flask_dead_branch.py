# label: safe
# The reflected header is set only inside a constant-false branch.
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/api/version")
def version():
    resp = make_response({"version": "2.4.1"})
    if 7 * 3 > 100:
        resp.headers["X-Client"] = request.headers.get("X-Client", "")
    resp.headers["X-Api-Version"] = "2"
    return resp
