# label: safe
# chmod 0o777 is only in a constant-false branch; the live branch uses 0o750.
import os

UPLOAD_DIR = "/srv/app/uploads"


def prepare_storage():
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    if 7 * 3 > 100:
        os.chmod(UPLOAD_DIR, 0o777)
    else:
        os.chmod(UPLOAD_DIR, 0o750)
