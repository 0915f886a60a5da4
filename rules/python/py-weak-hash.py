"""Webhook signatures, download integrity and cache helpers for a Flask service."""

import hashlib
import hmac
from hashlib import md5 as h
from hashlib import sha1

from Crypto.Hash import MD5
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.asymmetric import padding
from flask import Flask, abort, request

app = Flask(__name__)
WEBHOOK_KEY = b"\x00" * 32


@app.route("/packages/upload", methods=["POST"])
def upload_package():
    body = request.get_data()
    # ruleid: py-weak-hash
    digest = hashlib.md5(body).hexdigest()
    if not hmac.compare_digest(digest, request.headers.get("X-Content-Digest", "")):
        abort(400)
    return "ok"


def artifact_digest(path):
    with open(path, "rb") as fh:
        # ruleid: py-weak-hash
        return sha1(fh.read()).hexdigest()


def content_id(blob):
    # ruleid: py-weak-hash
    return h(blob).hexdigest()


def legacy_integrity(data):
    # ruleid: py-weak-hash
    digest = hashlib.new("md5", data)
    return digest.hexdigest()


def legacy_integrity_upper(data):
    # ruleid: py-weak-hash
    return hashlib.new("SHA1", data).digest()


def certificate_fingerprint(der_bytes):
    # ruleid: py-weak-hash
    hasher = hashes.Hash(hashes.SHA1())
    hasher.update(der_bytes)
    return hasher.finalize()


def file_signature_input(data):
    # ruleid: py-weak-hash
    return MD5.new(data).digest()


def sign_legacy(private_key, data):
    # ruleid: py-weak-hash
    return private_key.sign(data, padding.PKCS1v15(), hashes.SHA1())


def default_digest():
    # ruleid: py-weak-hash
    return hashes.MD5()


# --- safe look-alikes -------------------------------------------------------


def etag_for(body):
    # ok: py-weak-hash
    return hashlib.md5(body, usedforsecurity=False).hexdigest()


def cache_key(url):
    # ok: py-weak-hash
    return hashlib.new("sha1", url.encode(), usedforsecurity=False).hexdigest()


def strong_digest(data):
    # ok: py-weak-hash
    return hashlib.sha256(data).hexdigest()


def strong_new(data):
    # ok: py-weak-hash
    return hashlib.new("sha256", data).hexdigest()


def strong_certificate_fingerprint(der_bytes):
    # ok: py-weak-hash
    hasher = hashes.Hash(hashes.SHA256())
    hasher.update(der_bytes)
    return hasher.finalize()


def webhook_signature(body):
    # ok: py-weak-hash
    return hmac.new(WEBHOOK_KEY, body, hashlib.sha256).hexdigest()


def oaep_padding():
    # ok: py-weak-hash
    return padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(), label=None)


def totp_mac(key):
    # ok: py-weak-hash
    return crypto_hmac.HMAC(key, hashes.SHA1())


def legacy_password_check(password, stored):
    # ok: py-weak-hash
    return hashlib.md5(password.encode()).hexdigest() == stored


def algorithm_name():
    # ok: py-weak-hash
    return "md5"


def asset_etag(body: bytes) -> str:
    # ok: py-weak-hash
    return hashlib.md5(body).hexdigest()


def thumbnail_path(upload_name: str) -> str:
    cache_key = sha1(upload_name.encode()).hexdigest()
    # ok: py-weak-hash
    checksum = hashlib.sha1(upload_name.encode()).hexdigest()
    return f"/thumbs/{cache_key}-{checksum}.png"


def download_token(user_id: int) -> str:
    # ruleid: py-weak-hash
    return hashlib.sha1(f"{user_id}:download".encode()).hexdigest()
