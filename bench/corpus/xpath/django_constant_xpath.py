# label: safe
# The XPath is constant; the request value filters the Python results afterwards.
from django.http import JsonResponse
from lxml import etree

CATALOG = etree.parse("/srv/catalog.xml")


def products_by_brand(request):
    brand = request.GET.get("brand", "")
    products = CATALOG.getroot().xpath("//product")
    return JsonResponse({"products": [p.findtext("name") for p in products if p.get("brand") == brand]})
