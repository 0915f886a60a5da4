# label: safe
# API keys come from random.SystemRandom, which is backed by os.urandom.
import random
import string

from django.http import JsonResponse

from keys.models import ApiKey

_rng = random.SystemRandom()


def new_api_key():
    return "".join(_rng.choice(string.ascii_letters + string.digits) for _ in range(40))


def create_key(request):
    key = ApiKey.objects.create(owner=request.user, value=new_api_key())
    return JsonResponse({"key": key.value})
