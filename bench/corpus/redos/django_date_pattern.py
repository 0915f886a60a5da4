# label: safe
# A fixed-width date regex has no nested or overlapping quantifiers.
import re

from django.http import JsonResponse


def report(request):
    day = request.GET.get("day", "")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return JsonResponse({"error": "bad date"}, status=400)
    return JsonResponse({"day": day})
