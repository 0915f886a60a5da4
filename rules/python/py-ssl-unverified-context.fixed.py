"""TLS clients for internal services: metrics push, LDAP over TLS, Redis, urllib downloads."""

import http.client
import socket
import ssl
import urllib.request

import redis
import urllib3

from .settings import CA_FILE, METRICS_HOST, REDIS_HOST


def push_metrics(body: bytes) -> int:
    # ruleid: py-ssl-unverified-context
    ctx = ssl.create_default_context()
    conn = http.client.HTTPSConnection(METRICS_HOST, context=ctx)
    conn.request("POST", "/push", body)
    return conn.getresponse().status


def download(url: str) -> bytes:
    # ruleid: py-ssl-unverified-context
    ctx = ssl._create_unverified_context(cafile=CA_FILE)
    with urllib.request.urlopen(url, context=ctx) as resp:
        return resp.read()


# ruleid: py-ssl-unverified-context
ssl._create_default_https_context = ssl._create_unverified_context


def open_tls_socket(host: str, port: int) -> ssl.SSLSocket:
    ctx = ssl.create_default_context()
    # ruleid: py-ssl-unverified-context
    ctx.check_hostname = True
    # ruleid: py-ssl-unverified-context
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx.wrap_socket(socket.create_connection((host, port)), server_hostname=host)


def pool() -> urllib3.PoolManager:
    # ruleid: py-ssl-unverified-context
    return urllib3.PoolManager(cert_reqs="CERT_REQUIRED")


def pool_without_hostname_check() -> urllib3.PoolManager:
    # ruleid: py-ssl-unverified-context
    return urllib3.PoolManager(ca_certs=CA_FILE)


def cache() -> redis.Redis:
    # ruleid: py-ssl-unverified-context
    return redis.Redis(host=REDIS_HOST, ssl=True, ssl_cert_reqs="required")


CELERY_BROKER_USE_SSL = {
    # ruleid: py-ssl-unverified-context
    "ssl_cert_reqs": ssl.CERT_REQUIRED,
    "ssl_ca_certs": CA_FILE,
}


# --- safe look-alikes -------------------------------------------------------


def push_metrics_safe(body: bytes) -> int:
    # ok: py-ssl-unverified-context
    ctx = ssl.create_default_context(cafile=CA_FILE)
    conn = http.client.HTTPSConnection(METRICS_HOST, context=ctx)
    conn.request("POST", "/push", body)
    return conn.getresponse().status


def open_tls_socket_safe(host: str, port: int) -> ssl.SSLSocket:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(CA_FILE)
    # ok: py-ssl-unverified-context
    ctx.check_hostname = True
    # ok: py-ssl-unverified-context
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx.wrap_socket(socket.create_connection((host, port)), server_hostname=host)


def pool_safe() -> urllib3.PoolManager:
    # ok: py-ssl-unverified-context
    return urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=CA_FILE)


def cache_safe() -> redis.Redis:
    # ok: py-ssl-unverified-context
    return redis.Redis(host=REDIS_HOST, ssl=True, ssl_cert_reqs="required", ssl_ca_certs=CA_FILE)


def server_context(cert: str, key: str) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    # ok: py-ssl-unverified-context
    ctx.verify_mode = ssl.CERT_OPTIONAL
    return ctx


def describe(ctx: ssl.SSLContext) -> dict:
    # ok: py-ssl-unverified-context
    return {"unverified": ctx.verify_mode == ssl.CERT_NONE, "check_hostname": ctx.check_hostname}
