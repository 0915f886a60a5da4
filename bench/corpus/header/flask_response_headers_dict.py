# label: vulnerable
# A JSON field is placed in the headers dict of a Flask Response.
from flask import Flask, Response, request

app = Flask(__name__)


@app.post("/api/echo")
def echo():
    trace = request.get_json().get("trace_id", "")
    return Response("{}", mimetype="application/json", headers={"X-Trace-Id": trace})
