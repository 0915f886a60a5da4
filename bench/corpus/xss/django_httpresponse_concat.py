# label: vulnerable
# A Django view builds an HTML HttpResponse by concatenating the GET search query.
from django.http import HttpResponse


def search(request):
    q = request.GET.get("q", "")
    return HttpResponse("<p>No results for <b>" + q + "</b></p>")
