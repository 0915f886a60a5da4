import hashlib

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.views import View

from .models import Customer


def customer_detail(request, pk):
    customer = Customer.objects.raw("SELECT * FROM shop_customer WHERE id = " + pk)
    return JsonResponse({"name": customer[0].name})


@login_required
def order_list(request):
    token = hashlib.sha1(request.user.username.encode()).hexdigest()
    return HttpResponse(token)


class SearchView(View):
    def get(self, request):
        return HttpResponse(request.GET.get("q", ""))
