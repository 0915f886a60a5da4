# label: vulnerable
# A GET parameter is concatenated into an XPath query evaluated on an lxml tree.
from django.http import JsonResponse
from lxml import etree

CATALOG = etree.parse("/srv/catalog.xml")


def products_by_brand(request):
    brand = request.GET.get("brand", "")
    nodes = CATALOG.getroot().xpath("//product[@brand='" + brand + "']/name/text()")
    return JsonResponse({"products": [str(n) for n in nodes]})
