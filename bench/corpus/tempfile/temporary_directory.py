# label: safe
# Files are created inside a private TemporaryDirectory.
import os
import tempfile
import zipfile


def build_bundle(files):
    with tempfile.TemporaryDirectory() as workdir:
        archive = os.path.join(workdir, "bundle.zip")
        with zipfile.ZipFile(archive, "w") as zf:
            for name, content in files.items():
                zf.writestr(name, content)
        with open(archive, "rb") as fh:
            return fh.read()
