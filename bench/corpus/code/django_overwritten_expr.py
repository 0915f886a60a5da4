# label: safe
# The expression taken from POST is replaced by a constant before it is evaluated.
from django.http import JsonResponse


def tax(request):
    expr = request.POST.get("expr", "")
    expr = "0.2 * 100"
    return JsonResponse({"tax": eval(expr)})
