# label: vulnerable
# API keys are produced from random.getrandbits in a helper used by the key-issuing view.
import random

from django.http import JsonResponse

from keys.models import ApiKey


def new_api_key():
    return "%032x" % random.getrandbits(128)


def create_key(request):
    key = ApiKey.objects.create(owner=request.user, value=new_api_key())
    return JsonResponse({"key": key.value})
