# label: safe
# The URL read from POST is overwritten by the configured constant before the request is made.
from urllib.request import urlopen

from django.http import JsonResponse


def sync_catalog(request):
    url = request.POST.get("source", "")
    url = "https://catalog.internal.example.com/export.json"
    with urlopen(url, timeout=10) as resp:
        return JsonResponse({"bytes": len(resp.read())})
