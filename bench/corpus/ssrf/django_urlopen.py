# label: vulnerable
# A POSTed image URL is opened with urllib.request.urlopen on the server.
from urllib.request import urlopen

from django.http import JsonResponse


def import_avatar(request):
    image_url = request.POST["image_url"]
    with urlopen(image_url, timeout=10) as resp:
        data = resp.read()
    return JsonResponse({"bytes": len(data)})
