# label: vulnerable
# The regular expression itself comes from the request, so a client can submit a catastrophic pattern.
import re

from flask import Flask, request

app = Flask(__name__)
LOG_LINES = open("/var/log/app/recent.log").read().splitlines()


@app.route("/logs/grep")
def grep():
    pattern = request.args["pattern"]
    return {"lines": [line for line in LOG_LINES if re.search(pattern, line)]}
