# label: vulnerable
# Held-out: the POSTed e-mail address is interpolated into a log message with an f-string.
import logging

from django.http import JsonResponse

logger = logging.getLogger(__name__)


def reset_password(request):
    logger.warning(f"password reset requested for {request.POST.get('email', '')}")
    return JsonResponse({"ok": True})
