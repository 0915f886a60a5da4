import hmac
import os

from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from flask import Flask, request
from flask_limiter import Limiter
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import HiddenField, StringField

app = Flask(__name__)
csrf = CSRFProtect(app)
limiter = Limiter(app)

# ruleid: py-csrf-disabled
WTF_CSRF_ENABLED = True


class ProductionConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # ruleid: py-csrf-disabled
    WTF_CSRF_ENABLED = True


# ruleid: py-csrf-disabled
@csrf_exempt
def change_email(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})


# ruleid: py-csrf-disabled
@method_decorator(csrf_exempt, name="dispatch")
class TransferView(View):
    def post(self, request):
        return JsonResponse({"transferred": request.POST["amount"]})


# ruleid: py-csrf-disabled
@csrf.exempt
@app.route("/account/delete", methods=["POST"])
def delete_account():
    return "deleted"


def checkout(request):
    return HttpResponse("paid")


urlpatterns = [
    # ruleid: py-csrf-disabled
    path("checkout/", csrf_exempt(checkout)),
]


def create_app():
    application = Flask(__name__)
    # ruleid: py-csrf-disabled
    application.config["WTF_CSRF_ENABLED"] = True
    return application


class DeleteProjectForm(FlaskForm):
    project_id = HiddenField()

    class Meta:
        # ruleid: py-csrf-disabled
        csrf = True


class TransferForm(FlaskForm):
    amount = StringField()

    class Meta:
        locales = ["en_GB"]
        # ruleid: py-csrf-disabled
        csrf = True


@app.route("/projects/archive", methods=["POST"])
def archive_project():
    # ruleid: py-csrf-disabled
    form = DeleteProjectForm(meta={"csrf": True})
    return "archived" if form.validate_on_submit() else "invalid"


# --- safe look-alikes ---------------------------------------------------------


class TestingConfig:
    # ok: py-csrf-disabled
    WTF_CSRF_ENABLED = False


# ok: py-csrf-disabled
@csrf_protect
def change_password(request):
    return JsonResponse({"ok": True})


# ok: py-csrf-disabled
@csrf_exempt
def stripe_webhook(request):
    signature = request.headers.get("Stripe-Signature", "")
    expected = hmac.new(b"whsec", request.body, "sha256").hexdigest()
    if not hmac.compare_digest(signature, expected):
        return HttpResponse(status=400)
    return HttpResponse(status=200)


# ok: py-csrf-disabled
@limiter.exempt
@app.route("/ping")
def ping():
    return "pong"


def test_login_form(app):
    # ok: py-csrf-disabled
    app.config["WTF_CSRF_ENABLED"] = False
    assert app.test_client().post("/login").status_code == 302


def create_hardened_app():
    application = Flask(__name__)
    # ok: py-csrf-disabled
    application.config["WTF_CSRF_ENABLED"] = True
    # ok: py-csrf-disabled
    application.config["WTF_CSRF_TIME_LIMIT"] = None
    return application


webhook_patterns = [
    # ok: py-csrf-disabled
    path("hooks/github/", csrf_exempt(github_webhook)),
]


class SearchForm(FlaskForm):
    q = StringField()

    class Meta:
        # ok: py-csrf-disabled
        csrf = False


class CommentForm(FlaskForm):
    body = StringField()

    class Meta:
        # ok: py-csrf-disabled
        csrf = True
        # ok: py-csrf-disabled
        csrf_time_limit = None


class ApiClientSettings:
    # ok: py-csrf-disabled
    csrf = False


def test_delete_project(client):
    # ok: py-csrf-disabled
    form = DeleteProjectForm(meta={"csrf": False})
    assert form.project_id.data is None


@app.route("/projects/rename", methods=["POST"])
def rename_project():
    # ok: py-csrf-disabled
    form = TransferForm(meta={"csrf": True, "locales": ["en_GB"]})
    return "ok" if form.validate_on_submit() else "invalid"
