# label: safe
# The language code is stored only if it is one of the supported values; otherwise a constant default is used.
from django.http import JsonResponse

SUPPORTED = {"en", "de", "fr", "es"}


def set_language(request):
    lang = request.GET.get("lang", "en")
    request.session["lang"] = lang if lang in SUPPORTED else "en"
    return JsonResponse({"lang": request.session["lang"]})
