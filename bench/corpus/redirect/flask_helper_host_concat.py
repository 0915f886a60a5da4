# label: vulnerable
# The host part of the redirect URL comes from a request header via a helper, so an attacker controls the destination.
from flask import Flask, redirect, request

app = Flask(__name__)


def sso_url(host):
    return "https://" + host + "/sso/start"


@app.route("/sso")
def sso():
    return redirect(sso_url(request.headers.get("X-Forwarded-Host", "example.com")))
