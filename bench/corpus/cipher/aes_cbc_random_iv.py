# label: safe
# AES-CBC with a random IV from os.urandom, prepended to the ciphertext (integrity handled by the caller's HMAC).
import os

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KEY = bytes.fromhex(os.environ["FIELD_KEY"])


def encrypt_field(value: str) -> bytes:
    iv = os.urandom(16)
    padder = padding.PKCS7(128).padder()
    data = padder.update(value.encode()) + padder.finalize()
    enc = Cipher(algorithms.AES(KEY), modes.CBC(iv)).encryptor()
    return iv + enc.update(data) + enc.finalize()
