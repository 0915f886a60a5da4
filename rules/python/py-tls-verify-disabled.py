"""Outbound integrations: payment provider, inventory service, webhooks."""

import aiohttp
import httpx
import requests
from flask import Flask, jsonify, request

from .settings import CA_BUNDLE, INVENTORY_URL, PAYMENTS_URL

app = Flask(__name__)


@app.route("/checkout", methods=["POST"])
def checkout():
    # ruleid: py-tls-verify-disabled
    resp = requests.post(PAYMENTS_URL + "/charges", json=request.get_json(), verify=False, timeout=10)
    return jsonify(resp.json()), resp.status_code


def inventory_session():
    session = requests.Session()
    # ruleid: py-tls-verify-disabled
    session.verify = False
    session.headers["Authorization"] = "Bearer from-vault"
    return session


def stock_level(sku):
    session = requests.Session()
    # ruleid: py-tls-verify-disabled
    return session.get(f"{INVENTORY_URL}/stock/{sku}", verify=False).json()


def inventory_client():
    # ruleid: py-tls-verify-disabled
    return httpx.Client(base_url=INVENTORY_URL, verify=False, timeout=5.0)


async def notify_webhook(url, payload):
    # ruleid: py-tls-verify-disabled
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        # ruleid: py-tls-verify-disabled
        async with session.post(url, json=payload, ssl=False) as resp:
            return resp.status


def health_check():
    # ruleid: py-tls-verify-disabled
    return httpx.get(INVENTORY_URL + "/health", verify=False).status_code == 200


# --- safe look-alikes -------------------------------------------------------


def checkout_safe(payload):
    # ok: py-tls-verify-disabled
    return requests.post(PAYMENTS_URL + "/charges", json=payload, timeout=10)


def internal_session():
    session = requests.Session()
    # ok: py-tls-verify-disabled
    session.verify = CA_BUNDLE
    return session


def stock_level_private_ca(sku):
    # ok: py-tls-verify-disabled
    return requests.get(f"{INVENTORY_URL}/stock/{sku}", verify="/etc/ssl/certs/internal-ca.pem", timeout=5)


def inventory_client_safe():
    # ok: py-tls-verify-disabled
    return httpx.Client(base_url=INVENTORY_URL, verify=True)


async def notify_webhook_safe(url, payload):
    async with aiohttp.ClientSession() as session:
        # ok: py-tls-verify-disabled
        async with session.post(url, json=payload, ssl=True) as resp:
            return resp.status


def debug_probe():
    if 7 * 3 > 100:
        # ok: py-tls-verify-disabled
        return requests.get(INVENTORY_URL, verify=False, timeout=5)
    return None


def request_options():
    # ok: py-tls-verify-disabled
    options = {"timeout": 5, "allow_redirects": False}
    options["verify"] = CA_BUNDLE
    return options
