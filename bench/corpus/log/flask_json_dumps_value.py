# label: safe
# Held-out: the search term is JSON-encoded (CR/LF escaped) before it is logged.
import json
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("search")


@app.route("/search")
def search():
    log.info("search q=%s", json.dumps(request.args.get("q", "")))
    return {"results": []}
