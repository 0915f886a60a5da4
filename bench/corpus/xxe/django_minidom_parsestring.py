# label: vulnerable
# The raw Django request body is parsed with xml.dom.minidom, which is exposed to entity-expansion bombs.
from xml.dom import minidom

from django.http import JsonResponse


def sitemap_import(request):
    doc = minidom.parseString(request.body)
    urls = [n.firstChild.data for n in doc.getElementsByTagName("loc")]
    return JsonResponse({"count": len(urls)})
