# label: vulnerable
# A base64 cookie is decoded and passed to marshal.loads, which is not safe for untrusted data.
import base64
import marshal

from flask import Flask, request

app = Flask(__name__)


@app.route("/dashboard")
def dashboard():
    blob = request.cookies.get("layout", "")
    layout = marshal.loads(base64.b64decode(blob))
    return {"widgets": layout}
