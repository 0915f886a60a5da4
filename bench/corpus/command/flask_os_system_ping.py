# label: vulnerable
# The `host` query parameter is concatenated into a shell command run by os.system, allowing `; rm -rf` style injection.
import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/diagnostics/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    status = os.system("ping -c 1 " + host)
    return {"reachable": status == 0}
