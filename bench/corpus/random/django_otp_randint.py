# label: vulnerable
# A six-digit login OTP is generated with random.randint.
import random

from django.core.cache import cache
from django.http import JsonResponse


def send_otp(request):
    code = random.randint(100000, 999999)
    cache.set(f"otp:{request.user.pk}", code, 300)
    return JsonResponse({"sent": True})
