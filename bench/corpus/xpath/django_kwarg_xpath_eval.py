# label: vulnerable
# A Django URL kwarg is placed in an expression evaluated with etree.XPathEvaluator.
from django.http import JsonResponse
from lxml import etree

TREE = etree.parse("/srv/app/orgchart.xml")


def manager_of(request, employee):
    evaluator = etree.XPathEvaluator(TREE)
    result = evaluator(f"string(//person[@id='{employee}']/@manager)")
    return JsonResponse({"manager": str(result)})
