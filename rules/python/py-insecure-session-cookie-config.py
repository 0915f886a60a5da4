"""settings.py of a Django project, plus the Flask app factory that shares its cookie settings."""

import os

from flask import Flask

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

# ruleid: py-insecure-session-cookie-config
SESSION_COOKIE_SECURE = False
# ruleid: py-insecure-session-cookie-config
CSRF_COOKIE_SECURE = False
# ruleid: py-insecure-session-cookie-config
SESSION_COOKIE_HTTPONLY = False


class ProductionConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # ruleid: py-insecure-session-cookie-config
    REMEMBER_COOKIE_SECURE = False


def create_app():
    app = Flask(__name__)
    # ruleid: py-insecure-session-cookie-config
    app.config["SESSION_COOKIE_SECURE"] = False
    app.config.update(
        # ruleid: py-insecure-session-cookie-config
        SESSION_COOKIE_HTTPONLY=False,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    return app


# --- safe look-alikes ---------------------------------------------------------

# ok: py-insecure-session-cookie-config
CSRF_COOKIE_HTTPONLY = False
# ok: py-insecure-session-cookie-config
SECURE_CONTENT_TYPE_NOSNIFF = True
# ok: py-insecure-session-cookie-config
LANGUAGE_COOKIE_HTTPONLY = False


class HardenedConfig:
    # ok: py-insecure-session-cookie-config
    SESSION_COOKIE_SECURE = not DEBUG
    # ok: py-insecure-session-cookie-config
    REMEMBER_COOKIE_HTTPONLY = True


def create_hardened_app():
    app = Flask(__name__)
    # ok: py-insecure-session-cookie-config
    app.config["SESSION_COOKIE_SECURE"] = True
    # ok: py-insecure-session-cookie-config
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    # ok: py-insecure-session-cookie-config
    app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)
    return app


def test_login_over_http(app):
    # ok: py-insecure-session-cookie-config
    app.config["SESSION_COOKIE_SECURE"] = False
    assert app.test_client().post("/login").status_code == 302


def local_dev_settings(settings):
    # ok: py-insecure-session-cookie-config
    settings.SESSION_COOKIE_SECURE = False
    return settings
