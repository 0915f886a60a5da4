# label: safe
# SHA-1 with usedforsecurity=False builds a cache key from a query string; no security property depends on it.
import hashlib

from django.core.cache import cache
from django.http import JsonResponse


def cached_search(request):
    key = "search:" + hashlib.sha1(request.GET.urlencode().encode(), usedforsecurity=False).hexdigest()
    results = cache.get(key)
    if results is None:
        results = []
        cache.set(key, results, 300)
    return JsonResponse({"results": results})
