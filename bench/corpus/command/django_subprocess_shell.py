# label: vulnerable
# The uploaded file's client-supplied name is put into an f-string command executed with shell=True.
import subprocess

from django.http import JsonResponse


def make_thumbnail(request):
    upload = request.FILES["image"]
    name = upload.name
    with open(f"/srv/uploads/{upload.size}.bin", "wb") as fh:
        fh.write(upload.read())
    subprocess.run(f"convert /srv/uploads/{upload.size}.bin -resize 128x128 /srv/thumbs/{name}", shell=True, check=True)
    return JsonResponse({"thumbnail": name})
