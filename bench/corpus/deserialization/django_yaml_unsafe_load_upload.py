# label: vulnerable
# An uploaded YAML file is read with yaml.unsafe_load.
import yaml
from django.http import JsonResponse


def upload_pipeline(request):
    uploaded = request.FILES["pipeline"]
    pipeline = yaml.unsafe_load(uploaded.read())
    return JsonResponse({"stages": len(pipeline.get("stages", []))})
