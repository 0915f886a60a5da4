"""Encrypting API credentials and uploaded documents at rest."""

import os

from Crypto.Cipher import AES, DES3
from Crypto.Util.Padding import pad
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.ciphers.modes import ECB

from .settings import DATA_KEY


def encrypt_api_secret(secret: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(secret) + padder.finalize()
    # ruleid: py-ecb-mode
    encryptor = Cipher(algorithms.AES(DATA_KEY), modes.ECB()).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def encrypt_document(blob: bytes) -> bytes:
    # ruleid: py-ecb-mode
    cipher = AES.new(DATA_KEY, AES.MODE_ECB)
    return cipher.encrypt(pad(blob, AES.block_size))


def encrypt_document_kw(blob: bytes) -> bytes:
    # ruleid: py-ecb-mode
    cipher = AES.new(key=DATA_KEY, mode=AES.MODE_ECB)
    return cipher.encrypt(pad(blob, AES.block_size))


def legacy_pycrypto(blob: bytes) -> bytes:
    # ruleid: py-ecb-mode
    return AES.new(DATA_KEY).encrypt(pad(blob, 16))


def imported_mode(blob: bytes) -> bytes:
    # ruleid: py-ecb-mode
    cipher = Cipher(algorithms.AES(DATA_KEY), ECB())
    return cipher.encryptor().update(blob)


def triple_des_ecb(blob: bytes) -> bytes:
    # ruleid: py-ecb-mode
    return DES3.new(DATA_KEY[:24], DES3.MODE_ECB).encrypt(pad(blob, 8))


# --- safe look-alikes -------------------------------------------------------


def encrypt_api_secret_gcm(secret: bytes) -> bytes:
    nonce = os.urandom(12)
    # ok: py-ecb-mode
    return nonce + AESGCM(DATA_KEY).encrypt(nonce, secret, None)


def encrypt_document_gcm(blob: bytes) -> bytes:
    # ok: py-ecb-mode
    cipher = AES.new(DATA_KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(blob)
    return cipher.nonce + tag + ciphertext


def encrypt_cbc(blob: bytes) -> bytes:
    iv = os.urandom(16)
    # ok: py-ecb-mode
    encryptor = Cipher(algorithms.AES(DATA_KEY), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(blob) + encryptor.finalize()


def encrypt_ctr(blob: bytes) -> bytes:
    # ok: py-ecb-mode
    cipher = AES.new(DATA_KEY, mode=AES.MODE_CTR)
    return cipher.nonce + cipher.encrypt(blob)


def encrypt_with_options(blob: bytes, **options) -> bytes:
    # ok: py-ecb-mode
    cipher = AES.new(DATA_KEY, **options)
    return cipher.encrypt(blob)


def mode_name():
    # ok: py-ecb-mode
    return {"mode": "ECB", "allowed": False}


def ecb_disabled(blob: bytes) -> bytes:
    if 7 * 3 > 100:
        # ok: py-ecb-mode
        return AES.new(DATA_KEY, AES.MODE_ECB).encrypt(blob)
    return blob
