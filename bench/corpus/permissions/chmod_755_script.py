# label: safe
# A generated launcher script is made executable with the standard 0o755 (not writable by others).
import os

SCRIPT = "#!/bin/sh\nexec /srv/app/venv/bin/gunicorn app:app\n"


def install_launcher(path="/srv/app/bin/start"):
    with open(path, "w") as fh:
        fh.write(SCRIPT)
    os.chmod(path, 0o755)
