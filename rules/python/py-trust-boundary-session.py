import db
from django.contrib.auth.forms import PasswordChangeForm
from django.http import JsonResponse
from django.shortcuts import redirect
from fastapi import FastAPI, Request
from flask import Flask, abort, jsonify, request, session

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


# ---- `session[key] = value` --------------------------------------------------



@app.route("/login-form", methods=["POST"])
def login_form():
    username = request.form["username"]
    user = db.find_user(username)
    if user is None:
        abort(403)
    # ruleid: py-trust-boundary-session
    session["username"] = username
    # ruleid: py-trust-boundary-session
    session["theme"] = request.args.get("theme", "light")
    return jsonify(ok=True)


@app.route("/cart", methods=["POST"])
def cart():
    # ruleid: py-trust-boundary-session
    session["cart"] = request.get_json()["items"]
    return jsonify(ok=True)


def choose_role(request):
    role = request.POST.get("role", "viewer")
    # ruleid: py-trust-boundary-session
    request.session["role"] = role
    return JsonResponse({"role": role})


def remember_referrer(request):
    # ruleid: py-trust-boundary-session
    request.session["referrer"] = request.META.get("HTTP_REFERER", "")
    return JsonResponse({"ok": True})


@api.post("/tenant")
async def set_tenant(request: Request):
    tenant = request.headers.get("X-Tenant", "public")
    # ruleid: py-trust-boundary-session
    request.session["tenant"] = tenant
    return {"tenant": tenant}


# ---- safe near-misses -------------------------------------------------------


@app.route("/login-safe", methods=["POST"])
def login_safe():
    user = db.find_user(request.form["username"])
    if user is None:
        abort(403)
    # ok: py-trust-boundary-session
    session["user_id"] = user.id
    # ok: py-trust-boundary-session
    session["page_size"] = int(request.form.get("page_size", "20"))
    return jsonify(ok=True)


@app.route("/theme", methods=["POST"])
def theme():
    choice = request.form.get("theme", "light")
    # ok: py-trust-boundary-session
    session["theme"] = "dark" if choice == "dark" else "light"
    return jsonify(ok=True)


def visit_counter(request):
    count = request.session.get("visits", 0)
    # ok: py-trust-boundary-session
    request.session["visits"] = count + 1
    # ok: py-trust-boundary-session
    request.session["path"] = request.path_info
    return JsonResponse({"visits": count})


@app.route("/search")
def search():
    term = request.args.get("q", "")
    # ok: py-trust-boundary-session
    cache = {"last_query": term}
    term = "recent"
    # ok: py-trust-boundary-session
    session["view"] = term
    return jsonify(cache)


def remember(**choices):
    for key, value in choices.items():
        # ruleid: py-trust-boundary-session
        session[key] = value.strip().lower()


@app.route("/layout", methods=["POST"])
def layout():
    remember(layout=request.form.get("layout", "grid"))
    return jsonify(ok=True)


def stash_campaign(code):
    # ruleid: py-trust-boundary-session
    session["campaign"] = {"code": code, "seen": True}


@app.route("/landing")
def landing():
    stash_campaign(request.args.get("utm_campaign", ""))
    return "Welcome"


@api.get("/workspace/select")
def select_workspace(request: Request, workspace: str):
    # ruleid: py-trust-boundary-session
    request.session["workspace"] = workspace
    return {"workspace": workspace}


def set_theme(request):
    theme = request.GET.get("theme", "light")
    # ok: py-trust-boundary-session
    request.session["theme"] = theme if theme in THEMES else "light"
    # ok: py-trust-boundary-session
    request.session["mode"] = "dark" if theme not in THEMES else theme
    return JsonResponse({"ok": True})


@app.route("/login-lookup", methods=["POST"])
def login_lookup():
    account = db.find_user(request.form["username"])
    # ok: py-trust-boundary-session
    session["account_id"] = account.id
    return jsonify(ok=True)


def change_password(request):
    form = PasswordChangeForm(request.user, request.POST)
    if form.is_valid():
        form.save()
        # ok: py-trust-boundary-session
        request.session["_auth_user_hash"] = form.user.get_session_auth_hash()
    return redirect("/account/")
