# label: safe
# send_from_directory joins with werkzeug's safe_join and refuses paths that leave the directory.
from flask import Flask, send_from_directory

app = Flask(__name__)


@app.route("/files/<path:filename>")
def files(filename):
    return send_from_directory("/srv/app/public", filename)
