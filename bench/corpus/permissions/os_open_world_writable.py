# label: vulnerable
# A credentials file is created with os.open and mode 0o777.
import json
import os


def save_credentials(creds: dict, path="/var/lib/app/credentials.json"):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o777)
    with os.fdopen(fd, "w") as fh:
        json.dump(creds, fh)
