"""Legacy TLS plumbing: SMTP relay, device gateway, mTLS server."""

import http.client
import socket
import ssl
import urllib.request
from ssl import PROTOCOL_TLSv1_1

from OpenSSL import SSL

from .settings import CA_FILE, GATEWAY_HOST, SERVER_CERT, SERVER_KEY


def fetch_device_status(path):
    # ruleid: py-ssl-old-protocol
    conn = http.client.HTTPSConnection(GATEWAY_HOST, context=ssl.create_default_context())
    conn.request("GET", path)
    return conn.getresponse().read()


def download(url):
    # ruleid: py-ssl-old-protocol
    with urllib.request.urlopen(url, context=ssl.create_default_context()) as resp:
        return resp.read()


def gateway_socket():
    # ruleid: py-ssl-old-protocol
    sock = ssl.wrap_socket(socket.create_connection((GATEWAY_HOST, 443)))
    return sock


def legacy_relay(sock):
    # ruleid: py-ssl-old-protocol
    return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)


def server_context():
    # ruleid: py-ssl-old-protocol
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    ctx.load_cert_chain(SERVER_CERT, SERVER_KEY)
    return ctx


def compatible_client_context():
    ctx = ssl.create_default_context(cafile=CA_FILE)
    # ruleid: py-ssl-old-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def capped_context():
    ctx = ssl.create_default_context()
    # ruleid: py-ssl-old-protocol
    ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    return ctx


def openssl_context():
    # ruleid: py-ssl-old-protocol
    return SSL.Context(SSL.TLSv1_METHOD)


# --- safe look-alikes -------------------------------------------------------


def fetch_device_status_safe(path):
    # ok: py-ssl-old-protocol
    conn = http.client.HTTPSConnection(GATEWAY_HOST, context=ssl.create_default_context(cafile=CA_FILE))
    conn.request("GET", path)
    return conn.getresponse().read()


def gateway_socket_safe():
    ctx = ssl.create_default_context()
    # ok: py-ssl-old-protocol
    return ctx.wrap_socket(socket.create_connection((GATEWAY_HOST, 443)), server_hostname=GATEWAY_HOST)


def server_context_safe():
    # ok: py-ssl-old-protocol
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(SERVER_CERT, SERVER_KEY)
    return ctx


def modern_client_context():
    ctx = ssl.create_default_context()
    # ok: py-ssl-old-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def openssl_context_safe():
    ctx = SSL.Context(SSL.TLS_CLIENT_METHOD)
    # ok: py-ssl-old-protocol
    ctx.set_min_proto_version(SSL.TLS1_2_VERSION)
    return ctx


# ok: py-ssl-old-protocol
_OPENSSL_VERSIONS = {ssl.PROTOCOL_TLS_CLIENT: SSL.TLS_CLIENT_METHOD, ssl.PROTOCOL_TLSv1: SSL.TLSv1_METHOD}


def negotiated_is_legacy(conn):
    # ok: py-ssl-old-protocol
    return conn.version() in ("TLSv1", "TLSv1.1")
