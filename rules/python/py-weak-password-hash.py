"""User accounts: registration, login and password changes."""

import hashlib
import os

import bcrypt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from flask import Flask, abort, request

from .models import User, db

app = Flask(__name__)


@app.route("/register", methods=["POST"])
def register():
    password = request.form["password"]
    salt = os.urandom(16)
    # ruleid: py-weak-password-hash
    digest = hashlib.sha256(salt + password.encode()).hexdigest()
    user = User(name=request.form["name"], password_hash=digest, salt=salt.hex())
    db.session.add(user)
    return "created", 201


@app.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(name=request.form["name"]).first_or_404()
    # ruleid: py-weak-password-hash
    candidate = hashlib.md5(request.form["password"].encode()).hexdigest()
    if candidate != user.password_hash:
        abort(403)
    return "welcome"


def change_password(user, new_password):
    # ruleid: py-weak-password-hash
    user.password_hash = hashlib.sha512(new_password.encode("utf-8")).hexdigest()


def legacy_hash(pw, salt):
    # ruleid: py-weak-password-hash
    return hashlib.new("sha1", f"{salt}{pw}".encode()).hexdigest()


def derive_password_key(password, salt):
    # ruleid: py-weak-password-hash
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)


def derive_with_keyword(password, salt):
    # ruleid: py-weak-password-hash
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations=10_000)


def kdf_for(salt):
    # ruleid: py-weak-password-hash
    return PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=50000)


def quick_bcrypt(password):
    # ruleid: py-weak-password-hash
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4))


def hash_with_user_password(user):
    # ruleid: py-weak-password-hash
    return hashlib.sha256(user.password.encode()).hexdigest()


# --- safe look-alikes -------------------------------------------------------


def derive_password_key_safe(password, salt):
    # ok: py-weak-password-hash
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def bcrypt_hash(password):
    # ok: py-weak-password-hash
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))


def reset_token_digest(password_reset_token):
    # ok: py-weak-password-hash
    return hashlib.sha256(password_reset_token.encode()).hexdigest()


def default_password_fingerprint():
    # ok: py-weak-password-hash
    return hashlib.sha256(b"password").hexdigest()


def file_digest(data):
    # ok: py-weak-password-hash
    return hashlib.sha256(data).hexdigest()


def scrypt_hash(password, salt):
    # ok: py-weak-password-hash
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


def kdf_safe(salt):
    # ok: py-weak-password-hash
    return PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600_000)


def compare_stored(stored_hash, hashed_password):
    # ok: py-weak-password-hash
    return hashlib.sha256(hashed_password.encode()).hexdigest() == stored_hash
