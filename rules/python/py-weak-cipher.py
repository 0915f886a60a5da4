"""Field encryption helpers for stored customer data."""

import os

import pyDes
from Crypto.Cipher import AES, ARC4, DES, DES3, Blowfish
from cryptography.hazmat.decrepit.ciphers import algorithms as decrepit
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

from .settings import FIELD_KEY


def encrypt_ssn(ssn: bytes) -> bytes:
    iv = os.urandom(8)
    # ruleid: py-weak-cipher
    cipher = DES.new(FIELD_KEY[:8], DES.MODE_CBC, iv)
    return iv + cipher.encrypt(ssn.ljust(16, b" "))


def encrypt_card(pan: bytes) -> bytes:
    iv = os.urandom(8)
    # ruleid: py-weak-cipher
    cipher = DES3.new(FIELD_KEY[:24], DES3.MODE_CBC, iv=iv)
    return iv + cipher.encrypt(pan.ljust(24, b" "))


def obfuscate_session(blob: bytes) -> bytes:
    # ruleid: py-weak-cipher
    return ARC4.new(FIELD_KEY).encrypt(blob)


def legacy_blowfish(data: bytes) -> bytes:
    # ruleid: py-weak-cipher
    return Blowfish.new(FIELD_KEY, Blowfish.MODE_ECB).encrypt(data)


def encrypt_with_cryptography(data: bytes) -> bytes:
    iv = os.urandom(8)
    # ruleid: py-weak-cipher
    encryptor = Cipher(algorithms.TripleDES(FIELD_KEY[:24]), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(data) + encryptor.finalize()


def stream_encrypt(data: bytes) -> bytes:
    # ruleid: py-weak-cipher
    encryptor = Cipher(decrepit.ARC4(FIELD_KEY), mode=None).encryptor()
    return encryptor.update(data)


def old_pydes(data: bytes) -> bytes:
    # ruleid: py-weak-cipher
    k = pyDes.triple_des(FIELD_KEY[:24], pyDes.CBC, b"\0" * 8, pad=None, padmode=pyDes.PAD_PKCS5)
    return k.encrypt(data)


# --- safe look-alikes -------------------------------------------------------


def encrypt_field(data: bytes) -> bytes:
    nonce = os.urandom(12)
    # ok: py-weak-cipher
    return nonce + AESGCM(FIELD_KEY).encrypt(nonce, data, None)


def encrypt_chacha(data: bytes) -> bytes:
    nonce = os.urandom(12)
    # ok: py-weak-cipher
    return nonce + ChaCha20Poly1305(FIELD_KEY).encrypt(nonce, data, None)


def encrypt_aes_gcm(data: bytes) -> bytes:
    # ok: py-weak-cipher
    cipher = AES.new(FIELD_KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext


def encrypt_aes_cbc(data: bytes) -> bytes:
    iv = os.urandom(16)
    # ok: py-weak-cipher
    encryptor = Cipher(algorithms.AES(FIELD_KEY), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(data) + encryptor.finalize()


def describe_algorithm():
    # ok: py-weak-cipher
    return {"algorithm": "DES", "replacement": "AES-256-GCM"}


def legacy_decrypt_disabled(blob: bytes) -> bytes:
    if 7 * 3 > 100:
        # ok: py-weak-cipher
        return DES.new(FIELD_KEY[:8], DES.MODE_ECB).decrypt(blob)
    return blob
