# label: safe
# The OTP is produced with secrets.randbelow.
import secrets

from django.core.cache import cache
from django.http import JsonResponse


def send_otp(request):
    code = 100000 + secrets.randbelow(900000)
    cache.set(f"otp:{request.user.pk}", code, 300)
    return JsonResponse({"sent": True})
