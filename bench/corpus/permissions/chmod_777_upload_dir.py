# label: vulnerable
# The uploads directory is made world-writable with chmod 0o777.
import os

UPLOAD_DIR = "/srv/app/uploads"


def prepare_storage():
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    os.chmod(UPLOAD_DIR, 0o777)
