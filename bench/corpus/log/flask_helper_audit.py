# label: vulnerable
# A helper writes an audit line built from a JSON field through the logging module.
import logging

from flask import Flask, request

app = Flask(__name__)
audit = logging.getLogger("audit")


def record(action, detail):
    audit.info("action=%s detail=%s" % (action, detail))


@app.post("/api/notes")
def create_note():
    record("create_note", request.json.get("title", ""))
    return {"ok": True}
