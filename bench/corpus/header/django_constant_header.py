# label: safe
# The header values are constants; the request only selects the body.
from django.http import HttpResponse


def export_csv(request):
    rows = request.GET.get("rows", "10")
    response = HttpResponse("a,b\n" * min(len(rows), 100), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="export.csv"'
    return response
