# label: safe
# The host is passed as one element of an argument list without a shell, so shell metacharacters have no effect.
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/diagnostics/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    result = subprocess.run(["ping", "-c", "1", "--", host], capture_output=True)
    return {"reachable": result.returncode == 0}
