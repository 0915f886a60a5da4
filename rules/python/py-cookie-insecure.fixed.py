from aiohttp import web
from django.conf import settings
from django.http import JsonResponse
from fastapi import FastAPI, Response
from flask import Flask, make_response, redirect, request, url_for

app = Flask(__name__)
api = FastAPI()

COOKIE_OPTIONS = {"secure": True, "httponly": True, "samesite": "Lax"}


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    resp = make_response(redirect(url_for("notes")))
    # ruleid: py-cookie-insecure
    resp.set_cookie("remember_me", username, secure=True)
    return resp


def login_view(request):
    response = JsonResponse({"ok": True})
    # ruleid: py-cookie-insecure
    response.set_cookie("auth_token", request.session.session_key, httponly=True, samesite="Lax", secure=True)
    return response


@api.post("/token")
def issue_token(response: Response):
    token = "generated-elsewhere"
    # ruleid: py-cookie-insecure
    response.set_cookie(key="access_token", value=token, httponly=True, secure=True)
    return {"ok": True}


def cart_view(request):
    response = JsonResponse({"items": 3})
    # ruleid: py-cookie-insecure
    response.set_signed_cookie("cart", "3", salt="cart", max_age=3600, httponly=True, secure=True)
    return response


async def aiohttp_login(request):
    resp = web.json_response({"ok": True})
    # ruleid: py-cookie-insecure
    resp.set_cookie("sid", "opaque-session-id", httponly=True, samesite="Strict", secure=True)
    return resp


@app.route("/preferences", methods=["POST"])
def preferences():
    resp = make_response(redirect(url_for("home")))
    # ruleid: py-cookie-insecure
    resp.set_cookie(
        "theme",
        request.form.get("theme", "light"),
        max_age=31536000, secure=True
    )
    return resp


# --- safe look-alikes ---------------------------------------------------------


@app.route("/login-safe", methods=["POST"])
def login_safe():
    resp = make_response(redirect(url_for("notes")))
    # ok: py-cookie-insecure
    resp.set_cookie("csrf", "token", secure=True, httponly=True, samesite="Lax")
    return resp


def remember_view(request):
    response = JsonResponse({"ok": True})
    # ok: py-cookie-insecure
    response.set_cookie("remember", "1", secure=settings.SESSION_COOKIE_SECURE, httponly=True)
    return response


def hardened(response, name, value):
    # ok: py-cookie-insecure
    response.set_cookie(name, value, **COOKIE_OPTIONS)
    return response


@app.route("/logout")
def logout():
    resp = make_response(redirect(url_for("home")))
    # ok: py-cookie-insecure
    resp.delete_cookie("remember_me")
    return resp


def test_remember_me_cookie(client):
    # ok: py-cookie-insecure
    client.set_cookie("remember_me", "alice")
    assert client.get("/notes").status_code == 200


def prepare_client(app_client):
    # ok: py-cookie-insecure
    app_client.set_cookie("session", "fixture-session")
    return app_client


def copy_jar(source_jar, target_jar):
    for cookie in source_jar:
        # ok: py-cookie-insecure
        target_jar.set_cookie(cookie)


def remember_upstream(session_cookies, upstream_cookie):
    # ok: py-cookie-insecure
    session_cookies.set_cookie(upstream_cookie)
