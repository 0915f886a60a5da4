# label: safe
# The Flask session cookie is configured Secure, HttpOnly and SameSite=Lax.
from flask import Flask

app = Flask(__name__)
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.route("/")
def index():
    return "home"
