# label: safe
# The page number is converted with int() before it is put into the HTML response.
from django.http import HttpResponse


def page_banner(request):
    page = int(request.GET.get("page", "1"))
    return HttpResponse(f"<p>You are on page {page}</p>")
