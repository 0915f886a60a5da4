# label: safe
# format_html is used correctly: the URL kwarg is a separate argument and gets escaped.
from django.http import HttpResponse
from django.utils.html import format_html


def badge(request, username):
    return HttpResponse(format_html("<span class='badge'>{}</span>", username))
