# label: safe
# The private key file is restricted to its owner with 0o600.
import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519


def write_key(path="/etc/app/signing.key"):
    key = ed25519.Ed25519PrivateKey.generate()
    with open(path, "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    os.chmod(path, 0o600)
