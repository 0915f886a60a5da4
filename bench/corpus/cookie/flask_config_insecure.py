# label: vulnerable
# The Flask session cookie is explicitly configured without Secure and HttpOnly.
from flask import Flask

app = Flask(__name__)
app.config.update(
    SESSION_COOKIE_SECURE=False,
    SESSION_COOKIE_HTTPONLY=False,
    SESSION_COOKIE_SAMESITE=None,
)


@app.route("/")
def index():
    return "home"
