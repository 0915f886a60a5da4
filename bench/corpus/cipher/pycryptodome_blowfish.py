# label: vulnerable
# Backups are encrypted with Blowfish, a 64-bit block cipher considered weak (Sweet32).
from Crypto.Cipher import Blowfish
from Crypto.Random import get_random_bytes


def encrypt_backup(data: bytes, key: bytes) -> bytes:
    iv = get_random_bytes(8)
    cipher = Blowfish.new(key, Blowfish.MODE_CBC, iv)
    padding = 8 - len(data) % 8
    return iv + cipher.encrypt(data + bytes([padding]) * padding)
