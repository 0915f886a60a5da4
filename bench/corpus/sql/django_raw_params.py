# label: safe
# Manager.raw() is called with a params list, so the search term is bound by the driver rather than formatted into SQL.
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from shop.models import Product


@require_GET
def search_products(request):
    term = request.GET.get("q", "")
    products = Product.objects.raw(
        "SELECT * FROM shop_product WHERE name LIKE %s", ["%" + term + "%"]
    )
    return JsonResponse({"results": [p.name for p in products]})
