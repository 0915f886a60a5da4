from django.http import JsonResponse
from fastapi import FastAPI, Request
from flask import Flask, jsonify, request, session

app = Flask(__name__)
api = FastAPI()
THEMES = {"light", "dark"}


@app.route("/preferences", methods=["POST"])
def preferences():
    # ruleid: py-trust-boundary-session
    session.update(request.get_json())
    return jsonify(ok=True)


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    # ruleid: py-trust-boundary-session
    session.update({"username": username, "logged_in": True})
    return jsonify(ok=True)


@app.route("/cart/add")
def add_to_cart():
    # ruleid: py-trust-boundary-session
    session.setdefault("coupon", request.args.get("coupon"))
    return jsonify(ok=True)


def set_role(request):
    # ruleid: py-trust-boundary-session
    request.session.update(role=request.POST["role"])
    return JsonResponse({"ok": True})


@api.post("/lang/{code}")
async def set_language(code: str, request: Request):
    # ruleid: py-trust-boundary-session
    request.session.update({"lang": code})
    return {"lang": code}


# ---- safe near-misses -------------------------------------------------------


@app.route("/preferences-safe", methods=["POST"])
def preferences_safe():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    # ok: py-trust-boundary-session
    session.update({"theme": theme})
    # ok: py-trust-boundary-session
    session.update({"page_size": int(request.form.get("page_size", "20"))})
    return jsonify(ok=True)


@app.route("/visit")
def visit():
    # ok: py-trust-boundary-session
    session.setdefault("visits", 0)
    # ok: py-trust-boundary-session
    session.update(last_path="/visit")
    return jsonify(ok=True)


def remember(request):
    data = {"note": request.POST["note"], "flag": "seen"}
    # ok: py-trust-boundary-session
    request.session.update(flag=data["flag"])
    return JsonResponse({"ok": True})


@api.post("/debug/{value}")
async def debug(value: str, request: Request):
    if 7 * 3 > 100:
        # ok: py-trust-boundary-session
        request.session.update({"debug": value})
    value = "off"
    # ok: py-trust-boundary-session
    request.session.update({"debug": value})
    return {"ok": True}
