"""Background worker: locks, caches and report files."""

import json
import logging
import os
import tempfile
from pathlib import Path

from fastapi import APIRouter
from flask import Flask

app = Flask(__name__)
router = APIRouter()

# ruleid: py-hardcoded-tmp
LOCK_FILE = "/tmp/report-worker.lock"

logger = logging.getLogger(__name__)
# ruleid: py-hardcoded-tmp
logger.addHandler(logging.FileHandler("/tmp/report-worker.log"))


def write_report(rows):
    # ruleid: py-hardcoded-tmp
    with open("/tmp/report.json", "w") as fh:
        json.dump(rows, fh)


def scratch_dir():
    # ruleid: py-hardcoded-tmp
    return os.environ.get("SCRATCH_DIR", "/tmp/report-worker")


@app.route("/reports/latest")
def latest_report():
    # ruleid: py-hardcoded-tmp
    return app.send_static_file("/tmp/report.json")


def cache_path(key):
    # ruleid: py-hardcoded-tmp
    return os.path.join("/tmp", f"cache-{key}.bin")


def shm_buffer(name):
    # ruleid: py-hardcoded-tmp
    return Path("/dev/shm") / name


def export(user_id, data):
    # ruleid: py-hardcoded-tmp
    Path(f"/tmp/export-{user_id}.csv").write_text(data)


# --- safe look-alikes -------------------------------------------------------


def write_report_safe(rows):
    # ok: py-hardcoded-tmp
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(rows, fh)
        return fh.name


def scratch_dir():
    # ok: py-hardcoded-tmp
    return tempfile.mkdtemp(dir="/var/tmp")


def cache_path_safe(key):
    # ok: py-hardcoded-tmp
    return os.path.join(os.environ.get("XDG_CACHE_HOME", "/var/cache/report-worker"), f"cache-{key}.bin")


# ok: py-hardcoded-tmp
STATE_DIR = "/var/lib/report-worker"


def is_temporary(path):
    # ok: py-hardcoded-tmp
    return str(path).startswith("/tmp/")


def strip_tmp(path):
    # ok: py-hardcoded-tmp
    return path.removeprefix("/tmp/uploads/")


def temp_root():
    # ok: py-hardcoded-tmp
    return Path(tempfile.gettempdir()) / "report-worker"


# ok: py-hardcoded-tmp
@app.route("/tmp/status")
def tmp_status():
    return {"message": "Scratch files under /tmp are cleaned hourly."}


# ok: py-hardcoded-tmp
@router.get("/tmp/files/{name}")
def tmp_file(name: str):
    return {"name": name}


def test_tmp_status(client):
    # ok: py-hardcoded-tmp
    assert client.get("/tmp/status").status_code == 200


# ok: py-hardcoded-tmp
app.add_url_rule("/tmp/cleanup", view_func=tmp_status)
