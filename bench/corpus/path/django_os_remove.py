# label: vulnerable
# A POSTed attachment name is joined to a directory and deleted with os.remove without containment checks.
import os

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def delete_attachment(request):
    filename = request.POST["filename"]
    target = os.path.join(settings.MEDIA_ROOT, "attachments", filename)
    os.remove(target)
    return JsonResponse({"deleted": filename})
