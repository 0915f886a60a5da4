import io
import os
import shutil
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from fastapi import FastAPI
from fastapi.responses import FileResponse as FastFileResponse
from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import safe_join, secure_filename

app = Flask(__name__)
api = FastAPI()
UPLOAD_DIR = "/srv/app/uploads"
REPORTS = Path("/srv/app/reports")


@app.route("/download")
def download():
    name = request.args["file"]
    # ruleid: py-path-traversal
    return send_file(os.path.join(UPLOAD_DIR, name))


@app.route("/raw")
def raw():
    # ruleid: py-path-traversal
    with open("/var/notes/" + request.args.get("path", "")) as fh:
        return fh.read()


@app.route("/upload", methods=["POST"])
def upload():
    uploaded = request.files["file"]
    # ruleid: py-path-traversal
    uploaded.save(os.path.join(UPLOAD_DIR, uploaded.filename))
    return "saved"


@app.route("/attachments/<path:name>", methods=["DELETE"])
def delete_attachment(name):
    # ruleid: py-path-traversal
    os.remove(os.path.join(UPLOAD_DIR, name))
    return "", 204


def read_report(name):
    path = REPORTS / name
    # ruleid: py-path-traversal
    return path.read_text()


def read_report_inline(name):
    # ruleid: py-path-traversal
    return (REPORTS / name).read_text()


@app.route("/reports/<name>")
def report(name):
    return read_report(name) + read_report_inline(name)


@app.route("/thumbnails/<name>")
def thumbnail(name):
    thumb_path = Path("/srv/app/thumbs") / name
    # ruleid: py-path-traversal
    with thumb_path.open("rb") as fh:
        return fh.read()


def media(request):
    path = os.path.join(settings.MEDIA_ROOT, request.GET["path"])
    # ruleid: py-path-traversal
    return FileResponse(open(path, "rb"))


def archive_file(request, filename):
    # ruleid: py-path-traversal
    shutil.move(os.path.join(UPLOAD_DIR, filename), "/srv/app/archive/")
    return HttpResponse("archived")


@api.get("/exports/{export_name}")
def get_export(export_name: str):
    # ruleid: py-path-traversal
    return FastFileResponse(f"/srv/app/exports/{export_name}")


@api.post("/notes/{title}")
def save_note(title: str, body: str):
    # ruleid: py-path-traversal
    Path("/srv/app/notes", title + ".txt").write_text(body)
    return {"saved": title}


# ---- safe near-misses -------------------------------------------------------


@app.route("/download-safe")
def download_safe():
    # ok: py-path-traversal
    return send_from_directory(UPLOAD_DIR, request.args["file"])


@app.route("/upload-safe", methods=["POST"])
def upload_safe():
    uploaded = request.files["file"]
    # ok: py-path-traversal
    uploaded.save(os.path.join(UPLOAD_DIR, secure_filename(uploaded.filename)))
    return "saved"


@app.route("/avatar")
def avatar():
    name = os.path.basename(request.args["name"])
    # ok: py-path-traversal
    return send_file(os.path.join(UPLOAD_DIR, "avatars", name))


@app.route("/static-files/<path:name>")
def static_files(name):
    path = safe_join(UPLOAD_DIR, name)
    if path is None:
        abort(404)
    # ok: py-path-traversal
    return send_file(path)


@app.route("/export")
def export():
    csv_text = "id,name\n" + request.args.get("row", "")
    # ok: py-path-traversal
    return send_file(io.BytesIO(csv_text.encode()), mimetype="text/csv", download_name="export.csv")


@app.route("/docs")
def docs():
    full = os.path.realpath(os.path.join(UPLOAD_DIR, request.args["page"]))
    if not full.startswith(UPLOAD_DIR + os.sep):
        abort(403)
    # ok: py-path-traversal
    with open(full) as fh:
        return fh.read()


@api.get("/reports/{name}")
def report_safe(name: str):
    path = (REPORTS / name).resolve()
    if not path.is_relative_to(REPORTS):
        return {"error": "not found"}
    # ok: py-path-traversal
    return {"text": path.read_text()}


def media_debug(request):
    path = os.path.join(settings.MEDIA_ROOT, request.GET["path"])
    if 7 * 3 > 100:
        # ok: py-path-traversal
        os.remove(path)
    path = os.path.join(settings.MEDIA_ROOT, "placeholder.png")
    # ok: py-path-traversal
    return FileResponse(open(path, "rb"))


def upload_avatar(request):
    upload = request.FILES["avatar"]
    # ok: py-path-traversal
    stored = default_storage.save("avatars/" + upload.name, upload)
    with zipfile.ZipFile(upload) as archive:
        # ok: py-path-traversal
        with archive.open(request.POST["member"]) as member:
            first = member.read(16)
    return HttpResponse(stored + str(first))


def save_profile(request):
    form = {"bio": request.POST["bio"], "file": "profile.txt"}
    # ok: py-path-traversal
    with open(os.path.join(settings.MEDIA_ROOT, form["file"]), "w") as fh:
        fh.write(form["bio"])
    return HttpResponse("ok")


@app.route("/docs-naive")
def docs_naive():
    full = os.path.join(UPLOAD_DIR, request.args["page"])
    if not full.startswith(UPLOAD_DIR):
        abort(403)
    # ruleid: py-path-traversal
    with open(full) as fh:
        return fh.read()


@app.route("/docs-commonpath")
def docs_commonpath():
    full = os.path.realpath(os.path.join(UPLOAD_DIR, request.args["page"]))
    if os.path.commonpath([full, UPLOAD_DIR]) != UPLOAD_DIR:
        abort(403)
    # ok: py-path-traversal
    with open(full) as fh:
        return fh.read()


class Scratch:
    root = "/srv/scratch"

    def __init__(self, folder):
        self.folder = folder
        self.cache = "/srv/scratch/.cache"

    def purge(self):
        # ruleid: py-path-traversal
        shutil.rmtree(f"{self.root}/{self.folder}")

    def clear_cache(self):
        # ok: py-path-traversal
        shutil.rmtree(self.cache)


@api.delete("/scratch")
def delete_scratch(folder: str):
    Scratch(folder).purge()
    Scratch(folder).clear_cache()
    return {"deleted": folder}


def attach_receipt(request, order):
    receipt = request.FILES["receipt"]
    # ok: py-path-traversal
    order.receipt.save(receipt.name, receipt, save=True)
    return order
