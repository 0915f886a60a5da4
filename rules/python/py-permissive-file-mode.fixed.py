"""Upload storage and deployment helpers."""

import os
import stat
from pathlib import Path

UPLOAD_ROOT = Path("/srv/app/uploads")


def prepare_storage():
    # ruleid: py-permissive-file-mode
    os.makedirs(UPLOAD_ROOT, 0o755, exist_ok=True)


def save_upload(name: str, data: bytes) -> Path:
    target = UPLOAD_ROOT / name
    target.write_bytes(data)
    # ruleid: py-permissive-file-mode
    os.chmod(target, 0o644)
    return target


def write_pidfile(pid: int) -> None:
    # ruleid: py-permissive-file-mode
    fd = os.open("/run/app/app.pid", os.O_WRONLY | os.O_CREAT, 0o755)
    os.write(fd, str(pid).encode())
    os.close(fd)


def share_cache(cache_dir: Path) -> None:
    # ruleid: py-permissive-file-mode
    cache_dir.mkdir(mode=0o755, parents=True, exist_ok=True)
    # ruleid: py-permissive-file-mode
    cache_dir.chmod(stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)


def make_script_editable(path: str) -> None:
    # ruleid: py-permissive-file-mode
    os.chmod(path, 0o757)


def daemonize() -> None:
    # ruleid: py-permissive-file-mode
    os.umask(0o022)


def relax_umask() -> None:
    # ruleid: py-permissive-file-mode
    os.umask(0o005)


# --- safe look-alikes -------------------------------------------------------


def prepare_storage_safe():
    # ok: py-permissive-file-mode
    os.makedirs(UPLOAD_ROOT, 0o750, exist_ok=True)


def save_secret(path: Path, data: bytes) -> None:
    # ok: py-permissive-file-mode
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, data)
    os.close(fd)


def publish_static(path: str) -> None:
    # ok: py-permissive-file-mode
    os.chmod(path, 0o644)
    # ok: py-permissive-file-mode
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)


def daemonize_safe() -> None:
    # ok: py-permissive-file-mode
    os.umask(0o027)


def make_executable(path: Path) -> None:
    # ok: py-permissive-file-mode
    path.chmod(0o755)
