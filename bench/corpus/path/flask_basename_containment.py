# label: safe
# The name is reduced with os.path.basename and the resolved path is verified to stay inside the upload directory.
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
UPLOAD_DIR = os.path.realpath("/srv/app/uploads")


@app.route("/download")
def download():
    name = os.path.basename(request.args["name"])
    path = os.path.realpath(os.path.join(UPLOAD_DIR, name))
    if not path.startswith(UPLOAD_DIR + os.sep):
        abort(404)
    return send_file(path, as_attachment=True)
