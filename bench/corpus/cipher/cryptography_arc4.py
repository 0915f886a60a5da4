# label: vulnerable
# The RC4 stream cipher is used to protect session blobs.
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

KEY = os.urandom(16)


def protect(blob: bytes) -> bytes:
    encryptor = Cipher(algorithms.ARC4(KEY), mode=None).encryptor()
    return encryptor.update(blob) + encryptor.finalize()
