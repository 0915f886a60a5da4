# label: safe
# The URL's scheme and hostname are checked against an allow-list before fetching; other URLs are rejected.
from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example-cdn.com", "uploads.example-cdn.com"}


@app.route("/preview")
def preview():
    url = request.args["url"]
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        abort(400)
    return {"length": len(requests.get(url, timeout=5).content)}
