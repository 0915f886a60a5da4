# label: vulnerable
# A form URL goes through two helpers (normalise, then fetch) before requests.get is called.
import requests
from flask import Flask, request

app = Flask(__name__)


def normalise(url):
    return url.strip() if "://" in url else "http://" + url.strip()


def fetch_title(url):
    html = requests.get(normalise(url), timeout=5).text
    start = html.find("<title>")
    return html[start + 7:html.find("</title>")] if start >= 0 else ""


@app.post("/bookmarks")
def add_bookmark():
    return {"title": fetch_title(request.form["url"])}
