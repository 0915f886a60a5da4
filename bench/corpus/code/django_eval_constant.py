# label: safe
# eval() runs on a constant expression defined in the module, not on request data.
from django.http import JsonResponse

DEFAULT_LIMITS = "{'daily': 100, 'monthly': 2000}"


def limits(request):
    user = request.GET.get("user", "anonymous")
    return JsonResponse({"user": user, "limits": eval(DEFAULT_LIMITS)})
