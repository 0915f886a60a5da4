# label: safe
# The element name comes from a constant mapping keyed by the request value, so no user text reaches the XPath.
from django.http import JsonResponse
from lxml import etree

TREE = etree.parse("/srv/app/orgchart.xml")
FIELDS = {"mail": "email", "phone": "telephone", "room": "office"}


def field_values(request):
    element = FIELDS.get(request.GET.get("field"), "email")
    return JsonResponse({"values": [str(v) for v in TREE.xpath(f"//person/{element}/text()")]})
