# label: safe
# A helper in the same file serialises the detail with json.dumps (which escapes newlines) before it is logged.
import json
import logging

from flask import Flask, request

app = Flask(__name__)
audit = logging.getLogger("audit")


def quoted(value):
    return json.dumps(value)


@app.post("/api/notes")
def create_note():
    audit.info("action=create_note title=%s", quoted(request.json.get("title", "")))
    return {"ok": True}
