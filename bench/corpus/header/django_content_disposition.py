# label: vulnerable
# A GET filename is formatted into the Content-Disposition header without removing CR/LF or quotes.
from django.http import HttpResponse


def export_csv(request):
    filename = request.GET.get("filename", "export.csv")
    response = HttpResponse("a,b\n1,2\n", content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
