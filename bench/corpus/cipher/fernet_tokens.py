# label: safe
# Fernet (AES-128-CBC + HMAC-SHA256 with random IVs) protects the stored values.
import os

from cryptography.fernet import Fernet

fernet = Fernet(os.environ["FERNET_KEY"])


def protect(blob: bytes) -> bytes:
    return fernet.encrypt(blob)


def unprotect(token: bytes) -> bytes:
    return fernet.decrypt(token, ttl=3600)
