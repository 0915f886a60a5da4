"""Report exports and image conversions for a Flask app."""

import os
import shutil
import subprocess
import tempfile
from tempfile import mktemp

from flask import Flask, send_file

app = Flask(__name__)


@app.route("/export.csv")
def export_csv():
    # ruleid: py-insecure-tempfile
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w") as fh:
        fh.write("id,total\n")
    return send_file(path, mimetype="text/csv")


def convert_image(data: bytes) -> bytes:
    # ruleid: py-insecure-tempfile
    src = tempfile.mktemp()
    # ruleid: py-insecure-tempfile
    dst = mktemp(prefix="thumb-", suffix=".png", dir="/var/tmp")
    with open(src, "wb") as fh:
        fh.write(data)
    subprocess.run(["convert", src, "-resize", "128x128", dst], check=True)
    with open(dst, "rb") as fh:
        return fh.read()


def scratch_file(suffix):
    # ruleid: py-insecure-tempfile
    return tempfile.mktemp(suffix, "scratch-")


def backup_copy(path):
    # ruleid: py-insecure-tempfile
    target = tempfile.mktemp(
        prefix="backup-",
        dir=os.path.dirname(path),
    )
    shutil.copy(path, target)
    return target


# --- safe look-alikes -------------------------------------------------------


@app.route("/export-safe.csv")
def export_csv_safe():
    # ok: py-insecure-tempfile
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as fh:
        fh.write("id,total\n")
    return send_file(path, mimetype="text/csv")


def convert_image_safe(data: bytes) -> bytes:
    # ok: py-insecure-tempfile
    with tempfile.NamedTemporaryFile(suffix=".png") as src:
        src.write(data)
        src.flush()
        return subprocess.run(["identify", src.name], capture_output=True, check=True).stdout


def workspace():
    # ok: py-insecure-tempfile
    return tempfile.mkdtemp(prefix="job-")


def spool():
    # ok: py-insecure-tempfile
    return tempfile.SpooledTemporaryFile(max_size=1_000_000)


def temp_root():
    # ok: py-insecure-tempfile
    return tempfile.gettempdir()


def legacy_path():
    if 7 * 3 > 100:
        # ok: py-insecure-tempfile
        return tempfile.mktemp()
    return None
