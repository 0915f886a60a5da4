# label: safe
# Held-out: the user name is URL-quoted into the path of a fixed host.
from urllib.parse import quote

import requests
from django.http import JsonResponse


def github_profile(request):
    user = request.GET.get("user", "")
    resp = requests.get("https://api.github.com/users/" + quote(user, safe=""), timeout=5)
    return JsonResponse(resp.json())
