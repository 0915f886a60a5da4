from urllib.parse import quote

import requests
from django.http import HttpResponse
from fastapi import FastAPI, Response
from fastapi.responses import PlainTextResponse
from flask import Flask, jsonify, make_response, request
from tornado.web import RequestHandler
from werkzeug.datastructures import Headers

app = Flask(__name__)
api = FastAPI()
ALLOWED_ORIGINS = {"https://app.example.com", "https://admin.example.com"}


@app.route("/cors")
def cors():
    origin = request.headers.get("Origin", "")
    resp = make_response(jsonify(ok=True))
    # ruleid: py-header-injection
    resp.headers.add("Access-Control-Allow-Origin", origin)
    return resp


@app.route("/download/<name>")
def download(name):
    # ruleid: py-header-injection
    headers = Headers([("Content-Disposition", f"attachment; filename={name}")])
    return make_response(b"...", 200, headers)


@app.route("/lang")
def lang():
    # ruleid: py-header-injection
    return make_response("ok", 200, {"Content-Language": request.args["lang"]})


def export(request):
    fmt = request.GET.get("format", "csv")
    # ruleid: py-header-injection
    return HttpResponse("id,name\n", headers={"Content-Type": "text/" + fmt})


@api.get("/trace/{trace_id}")
def trace(trace_id: str, response: Response):
    # ruleid: py-header-injection
    response.headers.update({"X-Trace-Id": trace_id})
    return {"trace": trace_id}


@app.route("/echo")
def echo():
    resp = make_response("ok")
    # ruleid: py-header-injection
    resp.headers["X-Echo"] = request.args["value"]
    return resp


class EchoHandler(RequestHandler):
    def get(self):
        # ruleid: py-header-injection
        self.set_header("X-Echo", self.get_argument("value"))
        self.write("ok")


# ---- safe near-misses -------------------------------------------------------


@app.route("/cors-safe")
def cors_safe():
    origin = request.headers.get("Origin", "")
    resp = make_response(jsonify(ok=True))
    if origin in ALLOWED_ORIGINS:
        # ok: py-header-injection
        resp.headers.add("Access-Control-Allow-Origin", origin)
    # ok: py-header-injection
    resp.headers.add("Vary", "Origin")
    return resp


@app.route("/download-safe/<name>")
def download_safe(name):
    # ok: py-header-injection
    headers = Headers([("Content-Disposition", "attachment; filename*=UTF-8''" + quote(name))])
    return make_response(b"...", 200, headers)


@app.route("/note")
def note():
    note_text = request.args.get("note", "").replace("\r", "").replace("\n", "")
    # ok: py-header-injection
    return make_response("ok", 200, {"X-Note": note_text})


@app.route("/proxy")
def proxy():
    token = request.headers.get("Authorization", "")
    with requests.Session() as http_session:
        # ok: py-header-injection
        http_session.headers.update({"Authorization": token})
        upstream = http_session.get("https://api.example.com/me", timeout=5)
    # ok: py-header-injection
    return make_response(upstream.text, 200, {"Content-Type": "application/json"})


@app.route("/proxy-token")
def proxy_token():
    session = requests.Session()
    # ok: py-header-injection
    session.headers["Authorization"] = request.args["token"]
    return session.get("https://api.example.com/me", timeout=5).text


@api.get("/items/{item_id}")
def item(item_id: str):
    if 7 * 3 > 100:
        # ok: py-header-injection
        return PlainTextResponse("debug", headers={"X-Item": item_id})
    item_id = "hidden"
    # ok: py-header-injection
    return PlainTextResponse("ok", headers={"X-Item": item_id})


def profile(request):
    data = {"name": request.GET["name"], "cache": "no-store"}
    # ok: py-header-injection
    return HttpResponse(data["name"], headers={"Cache-Control": data["cache"]})
