"""Django settings for the shop project."""

import os
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent

# ruleid: py-django-debug
DEBUG = True

# ruleid: py-django-debug
TEMPLATE_DEBUG = True

# ruleid: py-django-debug
DEBUG_PROPAGATE_EXCEPTIONS = True

ALLOWED_HOSTS = ["shop.example.com"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "shop",
]

# ruleid: py-django-debug
DEBUG = os.environ.get("DJANGO_DEBUG", "True")


def configure_standalone():
    # ruleid: py-django-debug
    settings.configure(DEBUG=True, INSTALLED_APPS=INSTALLED_APPS)


# --- safe look-alikes -------------------------------------------------------

# ok: py-django-debug
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"

# ok: py-django-debug
DEBUG = False

if os.environ.get("DJANGO_ENV") == "development":
    # ok: py-django-debug
    DEBUG = True


class DevelopmentConfig:
    # ok: py-django-debug
    DEBUG = True


def enable_sql_logging():
    # ok: py-django-debug
    debug = True
    return debug


# ok: py-django-debug
USE_TZ = True

# ok: py-django-debug
DEBUG_TOOLBAR_ENABLED = False
