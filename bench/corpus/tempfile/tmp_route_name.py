# label: safe
# "/tmp" appears only in a URL route and a response message, never as a filesystem path.
from flask import Flask

app = Flask(__name__)


@app.route("/tmp/status")
def tmp_status():
    return {"message": "Scratch files under /tmp are cleaned hourly by the platform."}
