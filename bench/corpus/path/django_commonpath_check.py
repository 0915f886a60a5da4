# label: safe
# The resolved path is checked with os.path.commonpath against the media root before it is deleted.
import os

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse


def delete_attachment(request):
    root = os.path.realpath(os.path.join(settings.MEDIA_ROOT, "attachments"))
    target = os.path.realpath(os.path.join(root, request.POST["filename"]))
    if os.path.commonpath([root, target]) != root:
        return HttpResponseBadRequest("invalid path")
    os.remove(target)
    return JsonResponse({"deleted": os.path.basename(target)})
