# label: vulnerable
# The host for a back-end call is taken from a request header and formatted into the URL.
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/inventory")
def inventory():
    backend = request.headers.get("X-Backend", "inventory.internal:8080")
    resp = requests.get(f"http://{backend}/api/stock", timeout=3)
    return resp.json()
