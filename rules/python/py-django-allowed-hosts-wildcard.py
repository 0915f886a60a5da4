"""settings.py of a Django project (plus a django-configurations class)."""

import os

from configurations import Configuration
from django.conf import settings

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

# ruleid: py-django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["*"]

# ruleid: py-django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["api.example.com", "*"]

# ruleid: py-django-allowed-hosts-wildcard
ALLOWED_HOSTS = ("*",)

# ruleid: py-django-allowed-hosts-wildcard
ALLOWED_HOSTS += ["*"]


class Production(Configuration):
    DEBUG = False
    # ruleid: py-django-allowed-hosts-wildcard
    ALLOWED_HOSTS = ["*"]


def configure_for_container():
    # ruleid: py-django-allowed-hosts-wildcard
    settings.ALLOWED_HOSTS = ["*"]


# --- safe look-alikes ---------------------------------------------------------

# ok: py-django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["example.com", ".example.com"]

# ok: py-django-allowed-hosts-wildcard
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")

# ok: py-django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["*"] if DEBUG else ["example.com"]

if DEBUG:
    # ok: py-django-allowed-hosts-wildcard
    ALLOWED_HOSTS = ["*"]

# ok: py-django-allowed-hosts-wildcard
CORS_ALLOW_HEADERS = ["*"]

# ok: py-django-allowed-hosts-wildcard
INTERNAL_IPS = ["*"]


class Dev(Configuration):
    DEBUG = True
    # ok: py-django-allowed-hosts-wildcard
    ALLOWED_HOSTS = ["*"]


def test_any_host_accepted(settings):
    # ok: py-django-allowed-hosts-wildcard
    settings.ALLOWED_HOSTS = ["*"]
