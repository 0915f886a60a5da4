# label: vulnerable
# A search query from GET is concatenated into a logger.error message.
import logging

from django.http import JsonResponse

logger = logging.getLogger(__name__)


def search(request):
    q = request.GET.get("q", "")
    if len(q) > 200:
        logger.error("Rejected oversized search: " + q)
        return JsonResponse({"error": "too long"}, status=400)
    return JsonResponse({"results": []})
