# label: safe
# ChaCha20-Poly1305 with a random nonce from pycryptodome.
from Crypto.Cipher import ChaCha20_Poly1305
from Crypto.Random import get_random_bytes


def encrypt_backup(data: bytes, key: bytes) -> bytes:
    cipher = ChaCha20_Poly1305.new(key=key, nonce=get_random_bytes(12))
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext
