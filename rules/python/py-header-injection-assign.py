import mimetypes
from urllib.parse import quote

import requests
from django.http import HttpResponse
from fastapi import FastAPI, Request, Response
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
api = FastAPI()
ALLOWED_ORIGINS = {"https://app.example.com", "https://admin.example.com"}


@app.route("/cors")
def cors():
    origin = request.headers.get("Origin", "")
    resp = make_response(jsonify(ok=True))
    # ruleid: py-header-injection-assign
    resp.headers["Access-Control-Allow-Origin"] = origin
    return resp


@app.route("/download")
def download():
    name = request.args.get("name", "export.csv")
    resp = make_response(b"id,name\n")
    # ruleid: py-header-injection-assign
    resp.headers["Content-Disposition"] = f"attachment; filename={name}"
    # ruleid: py-header-injection-assign
    resp.headers["X-Requested-Path"] = request.full_path
    return resp


def export(request):
    filename = request.GET["filename"]
    response = HttpResponse("id,name\n", content_type="text/csv")
    # ruleid: py-header-injection-assign
    response["Content-Disposition"] = "attachment; filename=" + filename
    return response


@api.get("/lang")
async def lang(request: Request, response: Response):
    # ruleid: py-header-injection-assign
    response.headers["Content-Language"] = request.query_params.get("lang", "en")
    return {"ok": True}


# ---- safe near-misses -------------------------------------------------------


@app.route("/cors-safe")
def cors_safe():
    resp = make_response(jsonify(ok=True))
    # ok: py-header-injection-assign
    resp.headers["Access-Control-Allow-Origin"] = "https://app.example.com"
    # ok: py-header-injection-assign
    resp.headers["Vary"] = "Origin"
    return resp


@app.route("/download-safe")
def download_safe():
    name = request.args.get("name", "export.csv")
    resp = make_response(b"id,name\n")
    # ok: py-header-injection-assign
    resp.headers["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(name)
    # ok: py-header-injection-assign
    resp.headers["X-Note"] = request.args.get("note", "").replace("\r", "").replace("\n", "")
    return resp


@app.route("/proxy")
def proxy():
    token = request.headers.get("Authorization", "")
    session = requests.Session()
    # ok: py-header-injection-assign
    session.headers["Authorization"] = token
    return session.get("https://api.example.com/me", timeout=5).text


@app.route("/cors-allow-list")
def cors_allow_list():
    origin = request.headers.get("Origin", "")
    resp = make_response(jsonify(ok=True))
    if origin in ALLOWED_ORIGINS:
        # ok: py-header-injection-assign
        resp.headers["Access-Control-Allow-Origin"] = origin
    return resp


def export_safe(request):
    page = int(request.GET.get("page", "1"))
    response = HttpResponse("id,name\n", content_type="text/csv")
    # ok: py-header-injection-assign
    response["X-Page"] = str(page)
    return response


@app.route("/files/<path:name>")
def typed_download(name):
    response = make_response(open("/srv/files/index.bin", "rb").read())
    content_type, encoding = mimetypes.guess_type(name)
    # ok: py-header-injection-assign
    response.headers["Content-Type"] = content_type or "application/octet-stream"
    if encoding:
        # ok: py-header-injection-assign
        response.headers["Content-Encoding"] = encoding
    return response
