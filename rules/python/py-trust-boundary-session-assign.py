from django.http import JsonResponse
from fastapi import FastAPI, Request
from flask import Flask, abort, jsonify, request, session

import db

app = Flask(__name__)
api = FastAPI()
THEMES = {"light", "dark"}


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    user = db.find_user(username)
    if user is None:
        abort(403)
    # ruleid: py-trust-boundary-session-assign
    session["username"] = username
    # ruleid: py-trust-boundary-session-assign
    session["theme"] = request.args.get("theme", "light")
    return jsonify(ok=True)


@app.route("/cart", methods=["POST"])
def cart():
    # ruleid: py-trust-boundary-session-assign
    session["cart"] = request.get_json()["items"]
    return jsonify(ok=True)


def choose_role(request):
    role = request.POST.get("role", "viewer")
    # ruleid: py-trust-boundary-session-assign
    request.session["role"] = role
    return JsonResponse({"role": role})


def remember_referrer(request):
    # ruleid: py-trust-boundary-session-assign
    request.session["referrer"] = request.META.get("HTTP_REFERER", "")
    return JsonResponse({"ok": True})


@api.post("/tenant")
async def set_tenant(request: Request):
    tenant = request.headers.get("X-Tenant", "public")
    # ruleid: py-trust-boundary-session-assign
    request.session["tenant"] = tenant
    return {"tenant": tenant}


# ---- safe near-misses -------------------------------------------------------


@app.route("/login-safe", methods=["POST"])
def login_safe():
    user = db.find_user(request.form["username"])
    if user is None:
        abort(403)
    # ok: py-trust-boundary-session-assign
    session["user_id"] = user.id
    # ok: py-trust-boundary-session-assign
    session["page_size"] = int(request.form.get("page_size", "20"))
    return jsonify(ok=True)


@app.route("/theme", methods=["POST"])
def theme():
    choice = request.form.get("theme", "light")
    # ok: py-trust-boundary-session-assign
    session["theme"] = "dark" if choice == "dark" else "light"
    return jsonify(ok=True)


def visit(request):
    count = request.session.get("visits", 0)
    # ok: py-trust-boundary-session-assign
    request.session["visits"] = count + 1
    # ok: py-trust-boundary-session-assign
    request.session["path"] = request.path_info
    return JsonResponse({"visits": count})


@app.route("/search")
def search():
    term = request.args.get("q", "")
    # ok: py-trust-boundary-session-assign
    cache = {"last_query": term}
    term = "recent"
    # syntactic rule: a reassignment between the request read and the session write is not seen
    # todook: py-trust-boundary-session-assign
    session["view"] = term
    return jsonify(cache)
