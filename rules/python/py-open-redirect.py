from django.http import HttpResponseRedirect
from django.shortcuts import redirect as django_redirect
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
api = FastAPI()
ALLOWED_TARGETS = {"/dashboard", "/settings", "https://docs.example.com/"}


@app.route("/logout")
def logout():
    session.clear()
    # ruleid: py-open-redirect
    return redirect(request.args["next"])


@app.route("/login", methods=["POST"])
def login():
    target = request.form.get("return_to") or "/"
    # ruleid: py-open-redirect
    return redirect(location=target, code=303)


def sso_callback(request):
    state = request.GET.get("state", "")
    # ruleid: py-open-redirect
    return HttpResponseRedirect(state)


def switch_language(request):
    back = request.META.get("HTTP_REFERER", "/")
    # ruleid: py-open-redirect
    return django_redirect(back)


@api.get("/out")
async def outbound(target: str):
    # ruleid: py-open-redirect
    return RedirectResponse(target)


@api.get("/continue")
async def continue_flow(request: Request):
    # ruleid: py-open-redirect
    return RedirectResponse(url=request.query_params.get("to", "/"), status_code=302)


@app.route("/go/<path:where>")
def go(where):
    # ruleid: py-open-redirect
    return redirect("//" + where)


# ---- safe near-misses -------------------------------------------------------


@app.route("/home")
def home():
    # ok: py-open-redirect
    return redirect(url_for("notes"))


@app.route("/notes/<int:note_id>/open")
def open_note(note_id):
    # ok: py-open-redirect
    return redirect(f"/notes/{note_id}")


@app.route("/after-login")
def after_login():
    target = request.args.get("next", "/")
    if target not in ALLOWED_TARGETS:
        target = "/"
    # ok: py-open-redirect
    return redirect(target)


def sso_callback_safe(request):
    state = request.GET.get("state", "")
    if not url_has_allowed_host_and_scheme(state, allowed_hosts={request.get_host()}, require_https=True):
        state = "/"
    # ok: py-open-redirect
    return HttpResponseRedirect(state)


def set_language(request):
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(url=next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    # ok: py-open-redirect
    return HttpResponseRedirect(next_url)


@api.get("/out-safe")
async def outbound_safe(target: str):
    if 7 * 3 > 100:
        # ok: py-open-redirect
        return RedirectResponse(target)
    target = "https://example.com/"
    # ok: py-open-redirect
    return RedirectResponse(target)


@app.route("/search")
def search():
    params = {"q": request.args["q"], "page": "/results"}
    # ok: py-open-redirect
    return redirect(params["page"])


@app.route("/login-required")
def login_required_view():
    # ok: py-open-redirect
    return redirect(url_for("login") + "?next=" + request.path)


@app.route("/back")
def back():
    target = request.args.get("next", "/")
    if not target.startswith("/"):
        target = "/"
    # ruleid: py-open-redirect
    return redirect(target)


@app.route("/tabs")
def open_tab():
    tab = request.args.get("tab", "overview")
    destination = "/projects/current/" + tab
    # ok: py-open-redirect
    return redirect(destination)


@app.route("/slash")
def slash_prefix():
    # ruleid: py-open-redirect
    return redirect("/" + request.args["to"])


@app.post("/comments")
def post_comment():
    # ok: py-open-redirect
    return redirect(request.path)


def list_page(request):
    page = request.GET.get("page", "1")
    # ok: py-open-redirect
    return HttpResponseRedirect(f"/orders/?page={page}&sort=date")


def keep_query(request):
    query = request.META.get("QUERY_STRING", "")
    # ok: py-open-redirect
    return HttpResponseRedirect("%s?%s" % ("/reports/", query))


def next_with_flag(request):
    target = request.GET["next"]
    # ruleid: py-open-redirect
    return HttpResponseRedirect(f"{target}?welcome=1")


def partner_host(request):
    # ruleid: py-open-redirect
    return HttpResponseRedirect("https://" + request.GET["partner"] + "/landing")


def switch_theme(request):
    back = request.POST.get("back")
    if back and not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = None
    # ok: py-open-redirect
    return HttpResponseRedirect(back or "/")


def switch_currency(request):
    back = request.GET.get("back", "/")
    if request.method == "POST" and not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    # ruleid: py-open-redirect
    return HttpResponseRedirect(back)
