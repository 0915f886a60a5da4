# label: vulnerable
# format_html is misused: the value is already interpolated by an f-string, so it receives no escaping.
from django.http import HttpResponse
from django.utils.html import format_html


def badge(request, username):
    html = format_html(f"<span class='badge'>{username}</span>")
    return HttpResponse(html)
