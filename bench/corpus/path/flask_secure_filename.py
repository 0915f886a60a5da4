# label: safe
# werkzeug's secure_filename strips path separators and "..", so the upload stays in the avatars folder.
import os

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
AVATARS = "/srv/app/static/avatars"


@app.post("/avatar")
def upload_avatar():
    f = request.files["avatar"]
    name = secure_filename(f.filename)
    f.save(os.path.join(AVATARS, name))
    return {"saved": name}
