# label: vulnerable
# Card numbers are encrypted with single DES in ECB mode.
from Crypto.Cipher import DES
from Crypto.Util.Padding import pad

from .config import load_key


def encrypt_card(number: str) -> bytes:
    cipher = DES.new(load_key(8), DES.MODE_ECB)
    return cipher.encrypt(pad(number.encode(), 8))
