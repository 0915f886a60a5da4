# label: vulnerable
# A Django view stores a salted SHA-1 of the password, a fast hash unsuitable for passwords.
import hashlib
import os

from django.http import JsonResponse

from accounts.models import Account


def set_password(request):
    salt = os.urandom(8).hex()
    hashed = hashlib.sha1((salt + request.POST["password"]).encode()).hexdigest()
    Account.objects.filter(pk=request.user.pk).update(password=f"{salt}${hashed}")
    return JsonResponse({"ok": True})
