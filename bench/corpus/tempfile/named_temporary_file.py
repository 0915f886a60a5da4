# label: safe
# NamedTemporaryFile creates the file securely and removes it on close.
import json
import tempfile

from django.http import HttpResponse


def nightly_report(request):
    with tempfile.NamedTemporaryFile("w+", suffix=".json") as fh:
        json.dump({"orders": 120}, fh)
        fh.seek(0)
        return HttpResponse(fh.read(), content_type="application/json")
