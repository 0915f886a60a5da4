# label: vulnerable
# Each URL in a JSON list is fetched in a loop.
import requests
from flask import Flask, request

app = Flask(__name__)


@app.post("/feeds/refresh")
def refresh_feeds():
    statuses = {}
    for feed in request.get_json()["feeds"]:
        statuses[feed] = requests.get(feed, timeout=5).status_code
    return statuses
