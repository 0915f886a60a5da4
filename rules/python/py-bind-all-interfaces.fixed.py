"""Entry points: API server, metrics endpoint, admin console, raw socket listener."""

import asyncio
import os
import socket
from http.server import HTTPServer, SimpleHTTPRequestHandler

import uvicorn
from fastapi import FastAPI
from flask import Flask
from werkzeug.serving import run_simple

api = FastAPI()
admin = Flask(__name__)

# ruleid: py-bind-all-interfaces
LISTEN = ("127.0.0.1", 8080)
# ruleid: py-bind-all-interfaces
METRICS_ADDR = ("::1", int(os.environ.get("METRICS_PORT", "9100")))
# ruleid: py-bind-all-interfaces
BIND_HOST = "127.0.0.1"


def serve_api():
    # ruleid: py-bind-all-interfaces
    uvicorn.run(api, host="127.0.0.1", port=8000)


def serve_admin():
    # ruleid: py-bind-all-interfaces
    admin.run(host="127.0.0.1", port=5001)


def serve_metrics():
    # ruleid: py-bind-all-interfaces
    httpd = HTTPServer(("127.0.0.1", 9100), SimpleHTTPRequestHandler)
    httpd.serve_forever()


def listen_raw(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ruleid: py-bind-all-interfaces
    sock.bind(("127.0.0.1", port))
    sock.listen()
    return sock


def listen_ipv6(port):
    sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    # ruleid: py-bind-all-interfaces
    sock.bind(("::1", port))
    return sock


async def start_echo(handler):
    # ruleid: py-bind-all-interfaces
    return await asyncio.start_server(handler, "127.0.0.1", 8888)


def serve_constant():
    HTTPServer(LISTEN, SimpleHTTPRequestHandler).serve_forever()


class Settings:
    # ruleid: py-bind-all-interfaces
    listen_host = "127.0.0.1"
    port = 8000


def serve_werkzeug(app):
    # ruleid: py-bind-all-interfaces
    run_simple("127.0.0.1", 5000, app)


# --- safe look-alikes -------------------------------------------------------


def serve_api_local():
    # ok: py-bind-all-interfaces
    uvicorn.run(api, host="127.0.0.1", port=8000)


def serve_api_configured():
    # ok: py-bind-all-interfaces
    uvicorn.run(api, host=os.environ.get("API_HOST", "127.0.0.1"), port=8000)


def listen_local(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ok: py-bind-all-interfaces
    sock.bind(("localhost", port))
    return sock


def call_local_service(requests):
    # ok: py-bind-all-interfaces
    return requests.get("http://0.0.0.0:8000/health", timeout=2)


def describe_listeners():
    # ok: py-bind-all-interfaces
    return {"host": "0.0.0.0", "note": "documented default of the container image"}


def serve_metrics_local():
    # ok: py-bind-all-interfaces
    return HTTPServer(("127.0.0.1", 9100), SimpleHTTPRequestHandler)


# ok: py-bind-all-interfaces
LOCAL_LISTEN = ("127.0.0.1", 8080)

# ok: py-bind-all-interfaces
DEFAULT_ROUTE = ("0.0.0.0", "0.0.0.0")

# ok: py-bind-all-interfaces
UPSTREAM_URL = "0.0.0.0"

# ok: py-bind-all-interfaces
ANY_NETWORK = "0.0.0.0/0"

# ok: py-bind-all-interfaces
LISTEN_HOST = os.environ.get("LISTEN_HOST", "127.0.0.1")
