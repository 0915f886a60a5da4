# label: safe
# The filename is percent-encoded with urllib.parse.quote and sent as RFC 5987 filename*.
from urllib.parse import quote

from django.http import HttpResponse


def export_csv(request):
    filename = quote(request.GET.get("filename", "export.csv"))
    response = HttpResponse("a,b\n1,2\n", content_type="text/csv")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
