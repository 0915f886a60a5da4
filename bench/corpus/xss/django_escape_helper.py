# label: safe
# A helper in the same file escapes the value with django.utils.html.escape before the HTML is built.
from django.http import HttpResponse
from django.utils.html import escape


def cell(value):
    return "<td>" + escape(value) + "</td>"


def row(request):
    return HttpResponse("<table><tr>" + cell(request.GET.get("v", "")) + "</tr></table>")
