# label: vulnerable
# An uploaded tar archive is extracted with extractall(), so member names with "../" can write outside the target (tar slip).
import tarfile

from flask import Flask, request

app = Flask(__name__)


@app.post("/themes/upload")
def upload_theme():
    archive = request.files["theme"]
    with tarfile.open(fileobj=archive.stream, mode="r:gz") as tar:
        tar.extractall("/srv/app/themes")
    return {"installed": archive.filename}
