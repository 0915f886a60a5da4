"""Share links, invitations and API credentials for a document service."""

import uuid
from uuid import uuid1

from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import ApiCredential, Document, Invitation, PasswordReset


def share_document(request, doc_id):
    doc = get_object_or_404(Document, pk=doc_id, owner=request.user)
    # ruleid: py-uuid1-token
    doc.share_token = uuid.uuid1().hex
    doc.save()
    return JsonResponse({"link": f"/shared/{doc.share_token}"})


def invite_member(request):
    # ruleid: py-uuid1-token
    invitation = Invitation.objects.create(email=request.POST["email"], invite_code=str(uuid1()))
    return JsonResponse({"id": invitation.pk})


def start_password_reset(user):
    # ruleid: py-uuid1-token
    token = str(uuid.uuid1())
    PasswordReset.objects.create(user=user, token=token)
    return token


def generate_api_secret():
    # ruleid: py-uuid1-token
    return uuid.uuid1().hex + uuid.uuid1().hex


def issue_credentials(user, node_id):
    # ruleid: py-uuid1-token
    cred = {"api_key": uuid.uuid1(node=node_id).hex, "user": user.pk}
    return ApiCredential.objects.create(**cred)


# --- safe look-alikes -------------------------------------------------------


def share_document_safe(request, doc_id):
    doc = get_object_or_404(Document, pk=doc_id, owner=request.user)
    # ok: py-uuid1-token
    doc.share_token = uuid.uuid4().hex
    doc.save()
    return JsonResponse({"link": f"/shared/{doc.share_token}"})


def log_event(event):
    # ok: py-uuid1-token
    event_id = uuid.uuid1()
    return {"id": str(event_id), "event": event}


def trace_headers():
    # ok: py-uuid1-token
    return {"X-Request-Id": str(uuid.uuid1())}


def time_ordered_row_id():
    # ok: py-uuid1-token
    row_id = uuid.uuid1()
    return row_id


def invitation_lookup(code):
    # ok: py-uuid1-token
    invite_code = uuid.UUID(code)
    return Invitation.objects.filter(invite_code=str(invite_code)).first()


def legacy_share_token():
    if 7 * 3 > 100:
        # ok: py-uuid1-token
        return uuid.uuid1().hex
    return None
