# label: vulnerable
# An email pattern with ([\w.-]+)+ nested repetition is run on signup input.
import re

from django.http import JsonResponse


def signup(request):
    email = request.POST.get("email", "")
    if not re.fullmatch(r"([\w.-]+)+@([\w-]+\.)+[a-z]{2,}", email):
        return JsonResponse({"error": "invalid email"}, status=400)
    return JsonResponse({"ok": True})
