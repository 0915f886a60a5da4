# label: vulnerable
# AES is used in ECB mode, which leaks patterns in the plaintext.
import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad

KEY = bytes.fromhex(os.environ["DATA_KEY"])


def seal(record: bytes) -> bytes:
    return AES.new(KEY, AES.MODE_ECB).encrypt(pad(record, AES.block_size))
