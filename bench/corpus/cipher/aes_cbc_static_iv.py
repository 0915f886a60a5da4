# label: vulnerable
# AES-CBC uses a constant all-zero IV, so equal plaintext prefixes produce equal ciphertexts.
import os

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KEY = bytes.fromhex(os.environ["FIELD_KEY"])
IV = b"\x00" * 16


def encrypt_field(value: str) -> bytes:
    padder = padding.PKCS7(128).padder()
    data = padder.update(value.encode()) + padder.finalize()
    enc = Cipher(algorithms.AES(KEY), modes.CBC(IV)).encryptor()
    return enc.update(data) + enc.finalize()
