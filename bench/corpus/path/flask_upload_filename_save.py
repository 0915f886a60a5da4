# label: vulnerable
# The client-controlled upload filename is used unmodified as the target path of open(..., "wb").
import os

from flask import Flask, request

app = Flask(__name__)
AVATARS = "/srv/app/static/avatars"


@app.post("/avatar")
def upload_avatar():
    f = request.files["avatar"]
    path = os.path.join(AVATARS, f.filename)
    with open(path, "wb") as out:
        out.write(f.read())
    return {"saved": f.filename}
