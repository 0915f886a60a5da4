# label: vulnerable
# Django settings turn off the Secure flag for the session and CSRF cookies and HttpOnly for the session cookie.
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALLOWED_HOSTS = ["shop.example.com"]
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
