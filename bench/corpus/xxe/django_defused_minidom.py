# label: safe
# defusedxml.minidom is used in place of xml.dom.minidom for the request body.
from defusedxml import minidom
from django.http import JsonResponse


def sitemap_import(request):
    doc = minidom.parseString(request.body)
    urls = [n.firstChild.data for n in doc.getElementsByTagName("loc")]
    return JsonResponse({"count": len(urls)})
