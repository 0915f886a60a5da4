import io
import os
import shutil
import tarfile
import tempfile
import zipfile

import requests
from django.conf import settings
from django.http import JsonResponse
from fastapi import FastAPI, UploadFile
from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
THEMES_DIR = "/srv/app/themes"
PLUGIN_DIR = "/srv/app/plugins"


@app.route("/themes", methods=["POST"])
def upload_theme():
    with tarfile.open(fileobj=request.files["archive"].stream, mode="r:*") as tar:
        # ruleid: py-zip-slip
        tar.extractall(THEMES_DIR)
    return jsonify(ok=True)


@app.route("/plugins", methods=["POST"])
def upload_plugin():
    uploaded = request.files["plugin"]
    saved = os.path.join(tempfile.gettempdir(), secure_filename(uploaded.filename))
    uploaded.save(saved)
    # ruleid: py-zip-slip
    shutil.unpack_archive(saved, PLUGIN_DIR)
    return jsonify(ok=True)


def import_bundle(request):
    bundle = request.FILES["bundle"]
    tar = tarfile.open(fileobj=bundle, mode="r:gz")
    # ruleid: py-zip-slip
    tar.extractall(path=settings.MEDIA_ROOT, filter="fully_trusted")
    tar.close()
    return JsonResponse({"ok": True})


@api.post("/datasets")
async def upload_dataset(file: UploadFile):
    archive = tarfile.open(fileobj=file.file)
    for member in archive.getmembers():
        if member.name.endswith(".csv"):
            # ruleid: py-zip-slip
            archive.extract(member, "/srv/app/datasets")
    return {"ok": True}


def install_release(url):
    payload = requests.get(url, timeout=30).content
    # ruleid: py-zip-slip
    tarfile.open(fileobj=io.BytesIO(payload)).extractall("/opt/app/releases")


# ---- safe near-misses -------------------------------------------------------


@app.route("/themes-safe", methods=["POST"])
def upload_theme_safe():
    with tarfile.open(fileobj=request.files["archive"].stream, mode="r:*") as tar:
        # ok: py-zip-slip
        tar.extractall(THEMES_DIR, filter="data")
    return jsonify(ok=True)


@app.route("/themes-zip", methods=["POST"])
def upload_theme_zip():
    with zipfile.ZipFile(request.files["archive"]) as bundle:
        # ok: py-zip-slip
        bundle.extractall(THEMES_DIR)
    return jsonify(ok=True)


def restore_defaults():
    with tarfile.open("/opt/app/defaults.tar.gz") as tar:
        # ok: py-zip-slip
        tar.extractall("/srv/app/defaults")


def safe_members(tar, dest):
    root = os.path.realpath(dest)
    for member in tar.getmembers():
        target = os.path.realpath(os.path.join(dest, member.name))
        if target.startswith(root + os.sep) and not (member.issym() or member.islnk()):
            yield member


def import_bundle_checked(request):
    tar = tarfile.open(fileobj=request.FILES["bundle"], mode="r:gz")
    # ok: py-zip-slip
    tar.extractall(settings.MEDIA_ROOT, members=safe_members(tar, settings.MEDIA_ROOT))
    return JsonResponse({"ok": True})


@api.post("/datasets-debug")
async def upload_dataset_debug(file: UploadFile):
    archive = tarfile.open(fileobj=file.file)
    if 7 * 3 > 100:
        # ok: py-zip-slip
        archive.extractall("/tmp/debug")
    archive = tarfile.open("/opt/app/sample-dataset.tar")
    # ok: py-zip-slip
    archive.extractall("/srv/app/datasets")
    return {"ok": True}


@app.route("/plugins-safe", methods=["POST"])
def upload_plugin_safe():
    uploaded = request.files["plugin"]
    saved = os.path.join(tempfile.gettempdir(), secure_filename(uploaded.filename))
    uploaded.save(saved)
    # ok: py-zip-slip
    shutil.unpack_archive(saved, PLUGIN_DIR, filter="data")
    return jsonify(ok=True)
