import sys
import urllib.request
from urllib.parse import urlparse

import httpx
import requests
import urllib3
from django.http import HttpResponse, JsonResponse
from fastapi import FastAPI
from flask import Flask, abort, jsonify, request, session, url_for
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
api = FastAPI()
http = urllib3.PoolManager()
db = SQLAlchemy(app)
store = {"greeting": "hello"}
class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)


ALLOWED_WEBHOOKS = {"https://hooks.slack.com/services/T000/B000/XXX", "https://example.com/hook"}


def fetch_preview(url):
    # ruleid: py-ssrf
    return requests.get(url, timeout=5).text[:500]


@app.route("/preview")
def preview():
    return fetch_preview(request.args["url"])


@app.route("/webhooks/test", methods=["POST"])
def test_webhook():
    payload = request.get_json()
    with requests.Session() as http_session:
        # ruleid: py-ssrf
        resp = http_session.post(payload["callback"], json={"ping": True}, timeout=5)
    return jsonify(status=resp.status_code)


def import_feed(request):
    feed_url = request.GET["feed"]
    # ruleid: py-ssrf
    with urllib.request.urlopen(feed_url, timeout=10) as resp:
        return HttpResponse(resp.read(), content_type="application/rss+xml")


@api.get("/status/{host}")
async def service_status(host: str):
    async with httpx.AsyncClient() as client:
        # ruleid: py-ssrf
        resp = await client.get(f"http://{host}:8080/health")
    return {"status": resp.status_code}


@app.route("/proxy", methods=["GET", "POST"])
def proxy():
    target = request.headers.get("X-Forward-To", "")
    # ruleid: py-ssrf
    upstream = requests.request(request.method, target, data=request.get_data(), timeout=10)
    return upstream.content, upstream.status_code


def avatar_from_url(request):
    # ruleid: py-ssrf
    resp = http.request("GET", request.POST["avatar_url"], preload_content=True)
    return HttpResponse(resp.data, content_type="image/png")


# ---- safe near-misses -------------------------------------------------------


@app.route("/users/<username>/repos")
def repos(username):
    # ok: py-ssrf
    resp = requests.get(f"https://api.github.com/users/{username}/repos", timeout=5)
    # ok: py-ssrf
    search = requests.get("https://api.example.com/search", params={"q": request.args["q"]}, timeout=5)
    return jsonify(repos=resp.json(), search=search.json())


@app.route("/webhooks/test-safe", methods=["POST"])
def test_webhook_safe():
    callback = request.form["callback"]
    if callback not in ALLOWED_WEBHOOKS:
        abort(400)
    # ok: py-ssrf
    resp = requests.post(callback, json={"ping": True}, timeout=5)
    return jsonify(status=resp.status_code)


@app.route("/self-check")
def self_check():
    # ok: py-ssrf
    resp = requests.get(url_for("health", _external=True), timeout=5)
    # ok: py-ssrf
    theme = session.get(request.args.get("key", "theme"))
    return jsonify(ok=resp.ok, theme=theme)


@api.get("/metrics/{service}")
def metrics(service: str):
    if 7 * 3 > 100:
        # ok: py-ssrf
        requests.get(service)
    service = "http://metrics.internal:9100/metrics"
    # ok: py-ssrf
    return {"text": httpx.get(service).text}


@app.route("/notes/<note_id>", methods=["DELETE"])
def delete_note(note_id):
    # ok: py-ssrf
    note = db.session.get(Note, note_id)
    # ok: py-ssrf
    db.session.delete(db.session.get(Note, note_id) or note)
    # ok: py-ssrf
    greeting = store.get(request.args.get("key", "greeting"))
    return jsonify(deleted=note_id, greeting=greeting)


def notify(request):
    job = {"message": request.POST["message"], "url": "https://hooks.example.com/notify"}
    # ok: py-ssrf
    resp = requests.post(job["url"], json={"text": job["message"]}, timeout=5)
    return JsonResponse({"status": resp.status_code})


@app.route("/preview-checked")
def preview_checked():
    url = request.args["url"]
    if urlparse(url).hostname not in {"example.com", "cdn.example.com"}:
        abort(400)
    # ok: py-ssrf
    return requests.get(url, timeout=5).text


class Webhook:
    def __init__(self, target):
        self.target = target

    def ping(self):
        # ruleid: py-ssrf
        return requests.post(self.target, json={"ping": True}, timeout=5).status_code


class StatusClient:
    def __init__(self, token):
        self.token = token
        self.base = "https://status.example.com/api/"

    def summary(self):
        # ok: py-ssrf
        return requests.get(self.base, headers={"Authorization": self.token}, timeout=5).json()


def register_webhook(request):
    hook = Webhook(request.POST["target"])
    return JsonResponse({"status": hook.ping()})


def status_summary(request):
    return JsonResponse(StatusClient(request.headers["X-Token"]).summary())


def health_check():
    pool = urllib3.PoolManager()
    # ruleid: py-ssrf
    first = pool.request("GET", sys.argv[1], timeout=2.0).status
    # ok: py-ssrf
    second = pool.request("GET", "https://status.example.com/health", timeout=2.0).status
    return first, second


class Mirror:
    def __init__(self):
        self.origin = "https://pypi.example.org"
        self.label = "default"

    def _set_origin(self, origin):
        self.origin = origin.rstrip("/")

    def configure(self, origin, label):
        self._set_origin(origin)
        self.label = label

    def sync(self):
        # ruleid: py-ssrf
        with urllib.request.urlopen(self.origin + "/simple/", timeout=10) as page:
            return page.read()

    def refresh(self):
        # ok: py-ssrf
        return httpx.get("https://pypi.example.org/simple/", params={"label": self.label}, timeout=10)


@api.post("/mirrors/sync")
def sync_mirror(origin: str):
    mirror = Mirror()
    mirror.configure(origin, "user")
    return {"bytes": len(mirror.sync())}


@api.post("/mirrors/refresh")
def refresh_mirror(label: str):
    mirror = Mirror()
    mirror.configure("https://pypi.example.org", label)
    mirror.sync()
    return mirror.refresh().json()
