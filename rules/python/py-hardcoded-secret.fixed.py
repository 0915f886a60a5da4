"""Settings and helpers of a Flask + Django-style project."""

import os

from flask import Flask, abort, request

app = Flask(__name__)

# ruleid: py-hardcoded-secret
SECRET_KEY = os.environ["SECRET_KEY"]
# ruleid: py-hardcoded-secret
DB_PASSWORD = os.environ["DB_PASSWORD"]
# ruleid: py-hardcoded-secret
app.config["STRIPE_API_KEY"] = os.environ["STRIPE_API_KEY"]
# ruleid: py-hardcoded-secret
app.secret_key = "another-hard-coded-key"
# ruleid: py-hardcoded-secret
JWT_SECRET = os.environ["JWT_SECRET"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "USER": "app",
        # ruleid: py-hardcoded-secret
        "PASSWORD": "pg-pass-2024",
    }
}


class ProductionConfig:
    # ruleid: py-hardcoded-secret
    AWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]


class MailClient:
    def __init__(self):
        # ruleid: py-hardcoded-secret
        self.api_key = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"


# ruleid: py-hardcoded-secret
def connect_ldap(user, password="Passw0rd!"):
    return (user, password)


@app.route("/admin/login", methods=["POST"])
def admin_login():
    # ruleid: py-hardcoded-secret
    if request.form["password"] != "admin123":
        abort(403)
    return "welcome"


# --- safe look-alikes -------------------------------------------------------

# ok: py-hardcoded-secret
API_TOKEN = os.environ.get("NOTES_API_TOKEN", "")
# ok: py-hardcoded-secret
SMTP_PASSWORD = os.environ["SMTP_PASSWORD"]
# ok: py-hardcoded-secret
TOKEN_URL = "https://auth.example.com/oauth/token"
# ok: py-hardcoded-secret
PASSWORD_RESET_TIMEOUT = 3600
# ok: py-hardcoded-secret
API_KEY_HEADER = "X-API-Key"
# ok: py-hardcoded-secret
PRIVATE_KEY_PATH = "/etc/app/keys/signing.pem"
# ok: py-hardcoded-secret
SECRET_KEY_PLACEHOLDER = "<set-me-in-production>"
# ok: py-hardcoded-secret
DEV_API_KEY = "your-api-key-here"
# ok: py-hardcoded-secret
app.config["SESSION_COOKIE_NAME"] = "notes_session"


def login_form_fields():
    # ok: py-hardcoded-secret
    password_field = "password"
    # ok: py-hardcoded-secret
    return {"password_label": "Password", "field": password_field}


def check_token(token):
    # ok: py-hardcoded-secret
    if token == "":
        abort(401)
    # ok: py-hardcoded-secret
    return token_type == f"Bearer {token}"


# ok: py-hardcoded-secret
def connect_ldap_safe(user, password=None):
    return (user, password or os.environ["LDAP_PASSWORD"])


# ok: py-hardcoded-secret
GITHUB_TOKEN = os.getenv("GITHUB_TOKEN", "${GITHUB_TOKEN}")

# ok: py-hardcoded-secret
ACCESS_KEY_SETTING = "aws_access_key_id"

PAGINATION = {
    # ok: py-hardcoded-secret
    "input_token": "next_token",
    # ok: py-hardcoded-secret
    "access_token_field": "accessToken",
}


class AuthFlow:
    # ok: py-hardcoded-secret
    REFRESH_TOKEN_AUTH = "REFRESH_TOKEN_AUTH"
    # ok: py-hardcoded-secret
    password_enabled = "false"


def cors_headers(response, key):
    # ok: py-hardcoded-secret
    response.headers["Access-Control-Allow-Credentials"] = "true"
    # ok: py-hardcoded-secret
    return key.access_key.status == "Active"


FEATURE_CODES = {
    # ok: py-hardcoded-secret
    "CREDENTIALS_PROFILE": "n",
    # ok: py-hardcoded-secret
    "secretsmanager": "secrets-manager",
}


class AwsFieldNames:
    # ok: py-hardcoded-secret
    ACCESS_KEY = "AWSAccessKeyId"
    # ok: py-hardcoded-secret
    SECRET_KEY = "AWSSecretKey"


SERVICE_HEADERS = {
    # ruleid: py-hardcoded-secret
    "X-API-Key": "4f9d1c2e7b3a4c5d",
}


def tokenize(tokens):
    for token in tokens:
        # ok: py-hardcoded-secret
        if token == ")":
            break
        # ok: py-hardcoded-secret
        if "secret" in token:
            continue


# ok: py-hardcoded-secret
REASON_BAD_TOKEN = "CSRF token has incorrect length."
# ok: py-hardcoded-secret
PASSWORD_RESET_SESSION_TOKEN = "_password_reset_token"


def rotate_db_user(cursor, user, new_password):
    # ok: py-hardcoded-secret
    set_password = "ALTER ROLE %(user)s WITH PASSWORD %(password)s"
    cursor.execute(set_password, {"user": user, "password": new_password})


def redact_netloc(user):
    # ok: py-hardcoded-secret
    password = ":****"
    return f"{user}{password}@"


# ok: py-hardcoded-secret
ACL_ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials"
DOCS_SAMPLE = {
    # ok: py-hardcoded-secret
    "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
}
