# label: safe
# The user's search term is passed through re.escape, so it is matched literally.
import re

from flask import Flask, request

app = Flask(__name__)
LOG_LINES = open("/var/log/app/recent.log").read().splitlines()


@app.route("/logs/grep")
def grep():
    needle = re.compile(re.escape(request.args["q"]), re.IGNORECASE)
    return {"lines": [line for line in LOG_LINES if needle.search(line)]}
