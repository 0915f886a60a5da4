# label: vulnerable
# A report is written to a fixed, predictable path in the shared /tmp directory.
import json

from django.http import FileResponse


def nightly_report(request):
    path = "/tmp/nightly_report.json"
    with open(path, "w") as fh:
        json.dump({"orders": 120}, fh)
    return FileResponse(open(path, "rb"))
