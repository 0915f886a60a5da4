"""Configuration for the notes app.

DELIBERATELY VULNERABLE: this file is test data for security scanners.
Never deploy it.
"""

import os

# Hard-coded credentials (CWE-798).
SECRET_KEY = "s3cr3t-flask-key-do-not-share"
DB_PASSWORD = "hunter2"
ADMIN_PASSWORD = "admin123"

# Safe look-alikes: read from the environment, not hard-coded.
API_TOKEN = os.environ.get("NOTES_API_TOKEN", "")
SMTP_PASSWORD = os.environ["NOTES_SMTP_PASSWORD"] if "NOTES_SMTP_PASSWORD" in os.environ else None

DATABASE = os.path.join(os.path.dirname(__file__), "notes.db")
UPLOAD_DIR = os.path.join(os.path.dirname(__file__), "uploads")
LDAP_URL = "ldap://ldap.example.internal"
LDAP_BASE_DN = "ou=people,dc=example,dc=internal"
SESSION_COOKIE_NAME = "notes_session"
