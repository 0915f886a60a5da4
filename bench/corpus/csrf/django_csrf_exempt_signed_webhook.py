# label: safe
# csrf_exempt on a stateless webhook that authenticates each request by HMAC signature, not by cookies, so CSRF does not apply.
import hashlib
import hmac
import os

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def stripe_webhook(request):
    expected = hmac.new(os.environ["WEBHOOK_SECRET"].encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.META.get("HTTP_X_SIGNATURE", "")):
        return HttpResponseForbidden()
    return HttpResponse(status=204)
