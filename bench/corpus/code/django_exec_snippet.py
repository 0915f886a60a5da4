# label: vulnerable
# A POSTed script body is executed with exec() in a Django admin-ish view.
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def run_snippet(request):
    code = request.POST["code"]
    scope = {}
    exec(code, scope)
    return JsonResponse({"result": repr(scope.get("result"))})
