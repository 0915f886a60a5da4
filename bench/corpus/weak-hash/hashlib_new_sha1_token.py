# label: vulnerable
# Password-reset tokens are stored as hashlib.new("sha1") digests of the user's password.
import hashlib

from django.http import JsonResponse

from accounts.models import Account


def password_fingerprint(request):
    account = Account.objects.get(pk=request.user.pk)
    fingerprint = hashlib.new("sha1", request.POST["password"].encode()).hexdigest()
    account.reset_fingerprint = fingerprint
    account.save()
    return JsonResponse({"ok": True})
