# label: vulnerable
# Hard case: a notifier object stores the POSTed callback URL on an attribute and a method posts to it.
import requests
from django.http import JsonResponse


class Notifier:
    def __init__(self, callback):
        self.callback = callback

    def send(self, payload):
        return requests.post(self.callback, json=payload, timeout=5).status_code


def register_callback(request):
    notifier = Notifier(request.POST["callback_url"])
    return JsonResponse({"status": notifier.send({"event": "registered"})})
