# label: safe
# AES-GCM with a fresh random 96-bit nonce per message.
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY = bytes.fromhex(os.environ["DATA_KEY"])


def seal(record: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(KEY).encrypt(nonce, record, None)
