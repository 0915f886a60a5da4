# label: safe
# The client filename is overwritten with a server-generated UUID name before the file is written.
import os
import uuid

from django.http import JsonResponse


def upload(request):
    f = request.FILES["document"]
    name = f.name
    name = uuid.uuid4().hex + ".pdf"
    with open(os.path.join("/srv/documents", name), "wb") as out:
        for chunk in f.chunks():
            out.write(chunk)
    return JsonResponse({"stored_as": name})
