# label: safe
# CR and LF characters are removed from the value before it is set as a header.
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/track")
def track():
    campaign = request.args.get("campaign", "").replace("\r", "").replace("\n", "")
    resp = make_response("ok")
    resp.headers["X-Campaign"] = campaign
    return resp
