# label: vulnerable
# A Django view checks the delete permission with assert.
from django.http import JsonResponse

from billing.models import Invoice


def void_invoice(request, pk):
    assert request.user.has_perm("billing.delete_invoice")
    Invoice.objects.filter(pk=pk).update(status="void")
    return JsonResponse({"voided": pk})
