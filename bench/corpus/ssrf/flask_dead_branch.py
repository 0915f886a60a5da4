# label: safe
# Fetching the user URL happens only in a constant-false branch.
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/status")
def status():
    target = request.args.get("target", "")
    if 7 * 3 > 100:
        return {"code": requests.get(target, timeout=3).status_code}
    return {"code": requests.get("https://status.example.com/health", timeout=3).status_code}
