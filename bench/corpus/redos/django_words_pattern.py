# label: vulnerable
# A precompiled pattern with (\w+\s?)* is applied to a POSTed title, allowing catastrophic backtracking.
import re

from django.http import JsonResponse

TITLE = re.compile(r"^([a-zA-Z0-9]+\s?)*$")


def check_title(request):
    title = request.POST.get("title", "")
    return JsonResponse({"ok": bool(TITLE.match(title))})
