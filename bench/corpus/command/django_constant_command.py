# label: safe
# os.system runs a fixed command; nothing from the request reaches it.
import os

from django.http import JsonResponse


def health(request):
    verbose = request.GET.get("verbose") == "1"
    code = os.system("systemctl is-active --quiet nginx")
    return JsonResponse({"nginx": code == 0, "verbose": verbose})
