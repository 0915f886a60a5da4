# label: vulnerable
# A Django URL kwarg is passed to __import__ to load a "backend" module.
from django.http import HttpResponse


def load_backend(request, backend):
    mod = __import__(backend)
    return HttpResponse(getattr(mod, "__name__", "unknown"))
