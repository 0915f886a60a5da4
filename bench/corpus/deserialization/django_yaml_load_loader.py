# label: vulnerable
# The request body is parsed with yaml.load using the full yaml.Loader, which can construct arbitrary Python objects.
import yaml
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def import_config(request):
    config = yaml.load(request.body, Loader=yaml.Loader)
    return JsonResponse({"sections": list(config)})
