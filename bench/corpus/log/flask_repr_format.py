# label: safe
# The value is logged with %r, and repr() escapes CR/LF, so it cannot start a forged line.
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("access")


@app.route("/download")
def download():
    log.info("download requested name=%r", request.args.get("name", ""))
    return {"ok": True}
