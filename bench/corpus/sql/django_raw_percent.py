# label: vulnerable
# A GET search term is %-formatted into the SQL given to Manager.raw(), so quotes in it change the query.
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from shop.models import Product


@require_GET
def search_products(request):
    term = request.GET.get("q", "")
    sql = "SELECT * FROM shop_product WHERE name LIKE '%%%s%%'" % term
    products = Product.objects.raw(sql)
    return JsonResponse({"results": [p.name for p in products]})
