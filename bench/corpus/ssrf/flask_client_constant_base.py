# label: safe
# Held-out: an API client built with the caller's token talks only to a fixed base URL.
import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


class StatusApi:
    def __init__(self, token):
        self.token = token
        self.base = "https://status.internal.example/v1"

    def current(self):
        resp = requests.get(self.base + "/current", headers={"Authorization": f"Bearer {self.token}"}, timeout=5)
        return resp.json()


@app.route("/status")
def status():
    return jsonify(StatusApi(request.headers.get("X-Api-Token", "")).current())
