"""Deployment helpers and third-party clients."""

import os

import boto3
import requests
import stripe
from slack_sdk import WebClient
from sqlalchemy import create_engine


def s3_client():
    return boto3.client(
        "s3",
        # ruleid: py-embedded-credential
        aws_access_key_id="AKIAUJZDE8GXD6NCF10E",
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    )


def open_issue(title):
    # ruleid: py-embedded-credential
    headers = {"Authorization": "token ghp_pfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0Rlg"}
    return requests.post("https://api.github.com/repos/acme/app/issues", json={"title": title}, headers=headers, timeout=10)


def notify(text):
    # ruleid: py-embedded-credential
    WebClient(token="xoxb-99351819093-786579754323-fKtHF4vUCsMehGAkWvj7FAc9").chat_postMessage(channel="#ops", text=text)


# ruleid: py-embedded-credential
stripe.api_key = "sk_live_QeWJKY40uvSwMFLZDe1f8rES"

# ruleid: py-embedded-credential
engine = create_engine("postgresql://app:Sup3rS3cret@db.internal:5432/app")

# ruleid: py-embedded-credential
GEOCODER_URL = "https://maps.googleapis.com/maps/api/geocode/json?key=AIzaihN5KXSc7Tvo-hBKqFYY-kv5ZJr3J1TWDtk"

# ruleid: py-embedded-credential
DEPLOY_KEY = """-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
-----END OPENSSH PRIVATE KEY-----"""


# --- safe look-alikes -------------------------------------------------------


def s3_client_safe():
    # ok: py-embedded-credential
    return boto3.client("s3", region_name="eu-west-1")


# ok: py-embedded-credential
engine_safe = create_engine(f"postgresql://{os.environ['DB_USER']}:{os.environ['DB_PASSWORD']}@db.internal/app")

# ok: py-embedded-credential
engine_no_password = create_engine("postgresql://app@db.internal:5432/app")

# ok: py-embedded-credential
DOCS_AWS_KEY = "AKIAIOSFODNN7EXAMPLE"

# ok: py-embedded-credential
PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----"

# ok: py-embedded-credential
TOKEN_PREFIXES = ("ghp_", "xoxb-", "sk_live_")

# ok: py-embedded-credential
SERVICE_URL = "https://api.example.com:8443/v1/items"

def load_private_key(pem: bytes):
    # ok: py-embedded-credential
    """Load a key: the text between "-----BEGIN RSA PRIVATE KEY-----" and the END line is base64."""
    return pem


def mask_proxy_url(proxy_url):
    # ok: py-embedded-credential
    """Mask credentials, e.g. https://username:password@proxy.example.com becomes https://***:***@proxy."""
    return proxy_url


# ok: py-embedded-credential
BROKER_URL = "redis://:${REDIS_PASSWORD}@cache:6379/0"
