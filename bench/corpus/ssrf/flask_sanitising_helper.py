# label: safe
# A helper in the same file returns only one of the configured service base URLs, whatever the request asks for.
import requests
from flask import Flask, request

app = Flask(__name__)
SERVICES = {"billing": "https://billing.internal/health", "search": "https://search.internal/health"}


def service_url(name):
    return SERVICES.get(name, SERVICES["billing"])


@app.route("/health/<name>")
def health(name):
    return {"status": requests.get(service_url(name), timeout=2).status_code}
