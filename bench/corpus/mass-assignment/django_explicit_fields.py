# label: safe
# Only named, expected fields are copied from POST into the new object.
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from accounts.models import Customer


@require_POST
def create_customer(request):
    customer = Customer.objects.create(name=request.POST["name"], email=request.POST["email"])
    return JsonResponse({"id": customer.pk})
