import json
import logging

import structlog
from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()
logger = logging.getLogger(__name__)
audit_log = structlog.get_logger("audit")
KNOWN_ACTIONS = {"create", "update", "delete"}


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    # ruleid: py-log-injection
    app.logger.warning("Failed login for %s", username)
    return jsonify(ok=False), 401


@app.route("/search")
def search():
    # ruleid: py-log-injection
    logging.info(f"search term: {request.args.get('q', '')}")
    return jsonify(results=[])


def delete_account(request):
    reason = request.POST.get("reason", "")
    # ruleid: py-log-injection
    logger.error("account deleted, reason: " + reason)
    return JsonResponse({"ok": True})


@api.get("/items/{item_id}")
def read_item(item_id: str):
    # ruleid: py-log-injection
    audit_log.info("item viewed: %s" % item_id)
    # ok: py-log-injection
    audit_log.info("item viewed", item=item_id)
    return {"item": item_id}


class PaymentView:
    log = logging.getLogger("payments")

    def post(self, request):
        # ruleid: py-log-injection
        self.log.exception("payment failed for card holder %s", request.POST["holder"])
        return JsonResponse({"ok": False}, status=402)


def handle_upload(request):
    upload = request.FILES["document"]
    # ruleid: py-log-injection
    logging.log(logging.INFO, "received upload %s", upload.name)
    return JsonResponse({"ok": True})


# ---- safe near-misses -------------------------------------------------------


@app.route("/login-safe", methods=["POST"])
def login_safe():
    username = request.form["username"]
    clean = username.replace("\r", "\\r").replace("\n", "\\n")
    # ok: py-log-injection
    app.logger.warning("Failed login for %s", clean)
    # ok: py-log-injection
    app.logger.warning("Failed login for %r", repr(username))
    return jsonify(ok=False), 401


@app.route("/page")
def page():
    # ok: py-log-injection
    logger.info("page %d requested", int(request.args.get("page", "1")))
    # ok: py-log-injection
    logger.info("payload %s", json.dumps(request.get_json()))
    return jsonify(ok=True)


def action(request):
    name = request.GET["action"]
    if name not in KNOWN_ACTIONS:
        # ok: py-log-injection
        logger.warning("unknown action requested")
        return JsonResponse({"error": "unknown action"}, status=400)
    # ok: py-log-injection
    logger.info("action %s", name)
    return JsonResponse({"ok": True})


@api.get("/debug/{token}")
def debug(token: str):
    if 7 * 3 > 100:
        # ok: py-log-injection
        logger.debug("token %s", token)
    token = "redacted"
    # ok: py-log-injection
    logger.debug("token %s", token)
    return {"ok": True}


def signup(request):
    email = request.POST["email"]
    # ok: py-log-injection
    logger.info("signup", extra={"email": email})
    return JsonResponse({"ok": True})


def profile(request):
    fields = {"bio": request.POST["bio"], "source": "web-form"}
    # ok: py-log-injection
    logger.info("profile updated via %s", fields["source"])
    return JsonResponse({"ok": True})


@app.route("/download")
def download():
    name = request.args.get("name", "")
    # ok: py-log-injection
    logger.info("download requested name=%r", name)
    # ok: py-log-injection
    logging.warning("download %s by %r", "archive.zip", name)
    # ruleid: py-log-injection
    logger.info("download name=%r from %s", name, request.headers.get("Referer", ""))
    # ruleid: py-log-injection
    logger.info("download name=%-20s", name)
    return {"ok": True}


@app.route("/page")
def page_view():
    number = request.args.get("page", "1")
    size = request.args.get("size", "20")
    # ok: py-log-injection
    logger.debug("page %d of size %05.1f requested", number, size)
    # ok: py-log-injection
    logging.info("page offset %x", number)
    # ruleid: py-log-injection
    logger.debug("page %d (%s)", number, size)
    # ruleid: py-log-injection
    logger.debug("initial %c", number)
    return {"page": number}
