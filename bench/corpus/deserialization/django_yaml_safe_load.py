# label: safe
# yaml.safe_load only builds standard YAML types, so the uploaded config cannot instantiate objects.
import yaml
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def import_config(request):
    config = yaml.safe_load(request.body)
    return JsonResponse({"sections": list(config)})
