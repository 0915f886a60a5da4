# label: vulnerable
# All POST fields are passed as keyword arguments to Model.objects.create, so a client can set is_staff or balance.
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from accounts.models import Customer


@require_POST
def create_customer(request):
    customer = Customer.objects.create(**request.POST.dict())
    return JsonResponse({"id": customer.pk})
