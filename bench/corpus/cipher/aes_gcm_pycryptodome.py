# label: safe
# pycryptodome AES in GCM mode with a library-generated random nonce.
import os

from Crypto.Cipher import AES

KEY = bytes.fromhex(os.environ["DATA_KEY"])


def seal(record: bytes) -> bytes:
    cipher = AES.new(KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(record)
    return cipher.nonce + tag + ciphertext
