# label: safe
# The log message is constant and only the length of the user input is logged.
import logging

from django.http import JsonResponse

logger = logging.getLogger(__name__)


def search(request):
    q = request.GET.get("q", "")
    if len(q) > 200:
        logger.error("Rejected oversized search of %d characters", len(q))
        return JsonResponse({"error": "too long"}, status=400)
    return JsonResponse({"results": []})
