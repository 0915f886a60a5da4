# label: vulnerable
# Webhook payloads are authenticated with md5(secret + body), a weak and length-extendable signature scheme.
import hashlib
import os

from flask import Flask, abort, request

app = Flask(__name__)
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"]


@app.post("/webhook")
def webhook():
    expected = hashlib.md5((WEBHOOK_SECRET + request.get_data(as_text=True)).encode()).hexdigest()
    if request.headers.get("X-Signature") != expected:
        abort(403)
    return {"ok": True}
