# label: safe
# SHA-256 is used to checksum an uploaded file for deduplication, not to store a password.
import hashlib

from django.http import JsonResponse


def upload(request):
    data = request.FILES["file"].read()
    checksum = hashlib.sha256(data).hexdigest()
    return JsonResponse({"sha256": checksum, "size": len(data)})
