# label: vulnerable
# Held-out: a helper joins the requested archive name under MEDIA_ROOT and the view opens it.
import os

from django.conf import settings
from django.http import FileResponse


def archive_path(name):
    return os.path.join(settings.MEDIA_ROOT, "archives", name)


def download_archive(request):
    return FileResponse(open(archive_path(request.GET["file"]), "rb"))
