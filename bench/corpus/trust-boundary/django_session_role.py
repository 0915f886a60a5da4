# label: vulnerable
# A POSTed role is written into request.session, where later code trusts it for authorisation.
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def choose_role(request):
    request.session["role"] = request.POST.get("role", "viewer")
    return JsonResponse({"role": request.session["role"]})
