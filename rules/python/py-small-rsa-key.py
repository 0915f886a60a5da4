"""Key management commands for the signing service."""

import rsa
from Crypto.PublicKey import DSA, RSA
from cryptography.hazmat.primitives.asymmetric import dh, dsa, ec, ed25519
from cryptography.hazmat.primitives.asymmetric import rsa as crsa
from OpenSSL import crypto

KEY_BITS = 4096


def create_signing_key():
    # ruleid: py-small-rsa-key
    return crsa.generate_private_key(public_exponent=65537, key_size=1024)


def create_positional_key():
    # ruleid: py-small-rsa-key
    return crsa.generate_private_key(65537, 512)


def create_legacy_key():
    # ruleid: py-small-rsa-key
    key = RSA.generate(1024)
    return key.export_key()


def create_dsa_key():
    # ruleid: py-small-rsa-key
    return dsa.generate_private_key(key_size=1024)


def create_pycryptodome_dsa():
    # ruleid: py-small-rsa-key
    return DSA.generate(bits=1024)


def create_python_rsa_pair():
    # ruleid: py-small-rsa-key
    public, private = rsa.newkeys(512)
    return public, private


def create_openssl_key():
    pkey = crypto.PKey()
    # ruleid: py-small-rsa-key
    pkey.generate_key(crypto.TYPE_RSA, 1024)
    return pkey


def create_dh_parameters():
    # ruleid: py-small-rsa-key
    return dh.generate_parameters(generator=2, key_size=1024)


def create_dh_parameters_positional():
    # ruleid: py-small-rsa-key
    return dh.generate_parameters(2, 1024)


def create_small_curve_key():
    # ruleid: py-small-rsa-key
    return ec.generate_private_key(ec.SECP192R1())


# --- safe look-alikes -------------------------------------------------------


def create_signing_key_safe():
    # ok: py-small-rsa-key
    return crsa.generate_private_key(public_exponent=65537, key_size=3072)


def create_configured_key():
    # ok: py-small-rsa-key
    return RSA.generate(KEY_BITS)


def create_ec_key():
    # ok: py-small-rsa-key
    return ec.generate_private_key(ec.SECP256R1())


def create_ed25519_key():
    # ok: py-small-rsa-key
    return ed25519.Ed25519PrivateKey.generate()


def create_dh_parameters_safe():
    # ok: py-small-rsa-key
    return dh.generate_parameters(generator=2, key_size=2048)


def create_dh_parameters_positional_safe():
    # ok: py-small-rsa-key
    return dh.generate_parameters(2, 4096)


def create_openssl_key_safe():
    pkey = crypto.PKey()
    # ok: py-small-rsa-key
    pkey.generate_key(crypto.TYPE_RSA, 4096)
    return pkey


def create_python_rsa_pair_safe():
    # ok: py-small-rsa-key
    return rsa.newkeys(3072)


def tiny_test_key():
    if 7 * 3 > 100:
        # ok: py-small-rsa-key
        return RSA.generate(512)
    return None
