"""Token and backup encryption for a Django project."""

import os

from Crypto.Cipher import AES, ChaCha20
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

IV = b"0123456789abcdef"
NONCE = bytes(12)


def encrypt_backup(data: bytes) -> bytes:
    # ruleid: py-static-iv
    encryptor = Cipher(algorithms.AES(settings.BACKUP_KEY), modes.CBC(IV)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def encrypt_token(token: bytes) -> bytes:
    # ruleid: py-static-iv
    cipher = AES.new(settings.TOKEN_KEY, AES.MODE_CBC, b"\x00" * 16)
    return cipher.encrypt(pad(token, 16))


def encrypt_profile(blob: bytes) -> bytes:
    # ruleid: py-static-iv
    cipher = AES.new(settings.PROFILE_KEY, AES.MODE_GCM, nonce=b"fixednonce12")
    ciphertext, tag = cipher.encrypt_and_digest(blob)
    return tag + ciphertext


def seal(payload: bytes) -> bytes:
    aead = AESGCM(settings.SEAL_KEY)
    # ruleid: py-static-iv
    return aead.encrypt(NONCE, payload, None)


def encrypt_with_key_iv(key: bytes, data: bytes) -> bytes:
    # ruleid: py-static-iv
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def stream_encrypt(data: bytes) -> bytes:
    # ruleid: py-static-iv
    cipher = ChaCha20.new(key=settings.STREAM_KEY, nonce=settings.STREAM_NONCE)
    return cipher.encrypt(data)


def encrypt_gcm_mode(data: bytes) -> bytes:
    # ruleid: py-static-iv
    encryptor = Cipher(algorithms.AES(settings.BACKUP_KEY), modes.GCM(bytes.fromhex("00112233445566778899aabb"))).encryptor()
    return encryptor.update(data) + encryptor.finalize() + encryptor.tag


def encrypt_local_constant(data: bytes) -> bytes:
    iv = b"abcdefghijklmnop"
    # ruleid: py-static-iv
    cipher = AES.new(settings.TOKEN_KEY, AES.MODE_CBC, iv)
    return cipher.encrypt(pad(data, 16))


def seal_session(payload: bytes) -> bytes:
    nonce = bytes.fromhex("a1b2c3d4e5f60718293a4b5c")
    # ruleid: py-static-iv
    sealed = AESGCM(settings.SESSION_KEY).encrypt(
        nonce, payload, None)
    return sealed


# --- safe look-alikes -------------------------------------------------------


def seal_session_fresh(payload: bytes) -> bytes:
    nonce = b"\x00" * 12
    nonce = os.urandom(12)  # rebound: the first value is not the one used
    # ok: py-static-iv
    return nonce + AESGCM(settings.SESSION_KEY).encrypt(nonce, payload, None)


def encrypt_chunks(chunks: list[bytes]) -> list[bytes]:
    out = []
    for iv in (os.urandom(16) for _ in chunks):
        # ok: py-static-iv
        out.append(iv + AES.new(settings.TOKEN_KEY, AES.MODE_CBC, iv).encrypt(pad(chunks[len(out)], 16)))
    return out


def encrypt_backup_safe(data: bytes) -> bytes:
    iv = os.urandom(16)
    # ok: py-static-iv
    encryptor = Cipher(algorithms.AES(settings.BACKUP_KEY), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(data) + encryptor.finalize()


def decrypt_backup(blob: bytes) -> bytes:
    iv, body = blob[:16], blob[16:]
    # ok: py-static-iv
    decryptor = Cipher(algorithms.AES(settings.BACKUP_KEY), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def encrypt_token_safe(token: bytes) -> bytes:
    iv = get_random_bytes(16)
    # ok: py-static-iv
    cipher = AES.new(settings.TOKEN_KEY, AES.MODE_CBC, iv)
    return iv + cipher.encrypt(pad(token, 16))


def encrypt_profile_default_nonce(blob: bytes) -> bytes:
    # ok: py-static-iv
    cipher = AES.new(settings.PROFILE_KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(blob)
    return cipher.nonce + tag + ciphertext


def seal_safe(payload: bytes) -> bytes:
    nonce = os.urandom(12)
    # ok: py-static-iv
    return nonce + AESGCM(settings.SEAL_KEY).encrypt(nonce, payload, b"v1")


def encrypt_with_iv_argument(key: bytes, data: bytes, monkey_iv: bytes) -> bytes:
    # ok: py-static-iv
    encryptor = Cipher(algorithms.AES(key), modes.CBC(monkey_iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def fernet_style(f, data: bytes) -> bytes:
    # ok: py-static-iv
    return f.encrypt(data)


def fixed_iv_disabled(data: bytes) -> bytes:
    if 7 * 3 > 100:
        # ok: py-static-iv
        return AES.new(settings.TOKEN_KEY, AES.MODE_CBC, b"\x00" * 16).encrypt(pad(data, 16))
    return data
