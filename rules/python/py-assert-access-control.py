"""Admin and document views of a Django project."""

import hmac
import os

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Document, Invoice


def delete_user(request, user_id):
    # ruleid: py-assert-access-control
    assert request.user.is_superuser, "only superusers may delete accounts"
    get_object_or_404(Document, pk=user_id).delete()
    return JsonResponse({"deleted": user_id})


def edit_document(request, doc_id):
    doc = get_object_or_404(Document, pk=doc_id)
    # ruleid: py-assert-access-control
    assert doc.owner_id == request.user.id
    doc.body = request.POST["body"]
    doc.save()
    return JsonResponse({"ok": True})


def export_invoices(request):
    # ruleid: py-assert-access-control
    assert request.user.has_perm("billing.export_invoice")
    return JsonResponse({"invoices": list(Invoice.objects.values())})


def approve(request, invoice_id):
    # ruleid: py-assert-access-control
    assert not request.user.is_anonymous, "login required"
    invoice = get_object_or_404(Invoice, pk=invoice_id)
    invoice.approved_by = request.user
    invoice.save()
    return JsonResponse({"approved": invoice_id})


def admin_stats(request):
    # ruleid: py-assert-access-control
    assert request.user.is_staff and request.user.is_active, "staff only"
    return JsonResponse({"users": 42})


def webhook(request, expected):
    # ruleid: py-assert-access-control
    assert hmac.compare_digest(request.headers.get("X-Signature", ""), expected)
    return JsonResponse({"ok": True})


def reindex(request, x_api_key):
    # ruleid: py-assert-access-control
    assert x_api_key == os.environ["INTERNAL_API_KEY"]
    return JsonResponse({"queued": True})


def github_hook(request):
    signature = "sha256=" + hmac.new(b"whsec", request.body, "sha256").hexdigest()
    # ruleid: py-assert-access-control
    assert request.headers.get("X-Signature") == signature, "bad signature"
    return JsonResponse({"ok": True})


# --- safe look-alikes -------------------------------------------------------


@login_required
def delete_user_safe(request, user_id):
    # ok: py-assert-access-control
    if not request.user.is_superuser:
        raise PermissionDenied
    get_object_or_404(Document, pk=user_id).delete()
    return JsonResponse({"deleted": user_id})


def paginate(items, page_size):
    # ok: py-assert-access-control
    assert page_size > 0, "page size must be positive"
    return [items[i : i + page_size] for i in range(0, len(items), page_size)]


def normalise(doc):
    # ok: py-assert-access-control
    assert isinstance(doc, Document)
    return doc.body.strip()


def test_delete_user_requires_superuser(client, user):
    response = client.post(f"/users/{user.pk}/delete")
    # ok: py-assert-access-control
    assert response.status_code == 403
    # ok: py-assert-access-control
    assert not user.is_superuser


def check_policy_action(action):
    # ok: py-assert-access-control
    assert action in ("sts:AssumeRole", "sts:DecodeAuthorizationMessage")


def load_invoice(invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    # ok: py-assert-access-control
    assert invoice.total >= 0
    return invoice


def next_token(tokens, position):
    # ok: py-assert-access-control
    assert tokens[position].type == "NAME", "expected a name"
    return tokens[position + 1]


def load_settings():
    secret_key = os.environ.get("SECRET_KEY", "")
    # ok: py-assert-access-control
    assert secret_key, "SECRET_KEY must be set"
    return {"secret_key": secret_key}


def test_api_key_header(client):
    # ok: py-assert-access-control
    assert client.get("/internal/reindex").json()["api_key"] == "redacted"
