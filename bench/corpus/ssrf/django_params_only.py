# label: safe
# The user value is only sent as a query-string parameter (params=) to a fixed host.
import requests
from django.http import JsonResponse


def geocode(request):
    address = request.GET.get("address", "")
    resp = requests.get("https://geocoder.example.com/v2/search", params={"q": address}, timeout=5)
    return JsonResponse(resp.json())
