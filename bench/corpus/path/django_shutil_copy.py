# label: vulnerable
# Source and destination paths from the query string are passed to shutil.copy.
import shutil

from django.http import JsonResponse


def duplicate_report(request):
    src = "/srv/reports/" + request.GET["src"]
    dst = "/srv/reports/" + request.GET["dst"]
    shutil.copy(src, dst)
    return JsonResponse({"copied": dst})
