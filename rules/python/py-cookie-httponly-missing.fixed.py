from aiohttp import web
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
    # ruleid: py-cookie-httponly-missing
    resp.set_cookie("remember_me", username, secure=True, httponly=True)
    return resp


def login_view(request):
    response = JsonResponse({"ok": True})
    # ruleid: py-cookie-httponly-missing
    response.set_cookie("auth_token", request.session.session_key, secure=True, samesite="Lax", httponly=True)
    return response


@api.post("/token")
def issue_token(response: Response):
    token = "generated-elsewhere"
    # ruleid: py-cookie-httponly-missing
    response.set_cookie(key="access_token", value=token, secure=True, httponly=True)
    return {"ok": True}


def cart_view(request):
    response = JsonResponse({"items": 3})
    # ruleid: py-cookie-httponly-missing
    response.set_signed_cookie("cart", "3", salt="cart", max_age=3600, secure=True, httponly=True)
    return response


async def aiohttp_login(request):
    resp = web.json_response({"ok": True})
    # ruleid: py-cookie-httponly-missing
    resp.set_cookie("sid", "opaque-session-id", secure=True, samesite="Strict", httponly=True)
    return resp


# --- safe look-alikes ---------------------------------------------------------


@app.route("/login-safe", methods=["POST"])
def login_safe():
    resp = make_response(redirect(url_for("notes")))
    # ok: py-cookie-httponly-missing
    resp.set_cookie("session_id", "opaque", secure=True, httponly=True, samesite="Lax")
    return resp


@app.route("/spa")
def spa():
    resp = make_response("<div id='app'></div>")
    # ok: py-cookie-httponly-missing
    resp.set_cookie("XSRF-TOKEN", "token-for-angular", secure=True, samesite="Strict")
    return resp


@app.route("/preferences", methods=["POST"])
def preferences():
    resp = make_response(redirect(url_for("home")))
    # ok: py-cookie-httponly-missing
    resp.set_cookie("theme", request.form.get("theme", "light"), secure=True)
    return resp


def hardened(response, name, value):
    # ok: py-cookie-httponly-missing
    response.set_cookie(name, value, **COOKIE_OPTIONS)
    return response


def test_login_cookie(client):
    # ok: py-cookie-httponly-missing
    client.set_cookie("remember_me", "alice")
    assert client.get("/notes").status_code == 200


def prepare_client(api_client):
    # ok: py-cookie-httponly-missing
    api_client.set_cookie("session", "fixture-session")
    return api_client


def copy_jar(source_jar, target_jar):
    for cookie in source_jar:
        # ok: py-cookie-httponly-missing
        target_jar.set_cookie(cookie)


def remember_upstream(session_cookies, upstream_cookie):
    # ok: py-cookie-httponly-missing
    session_cookies.set_cookie(upstream_cookie)
