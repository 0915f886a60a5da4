# label: safe
# MD5 is used only to compute an ETag for caching and is marked usedforsecurity=False.
import hashlib

from flask import Flask, make_response

app = Flask(__name__)


@app.route("/catalog.json")
def catalog():
    body = open("/srv/app/catalog.json", "rb").read()
    resp = make_response(body)
    resp.set_etag(hashlib.md5(body, usedforsecurity=False).hexdigest())
    return resp
