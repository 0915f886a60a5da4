# label: safe
# The permission check raises PermissionDenied explicitly.
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse

from billing.models import Invoice


def void_invoice(request, pk):
    if not request.user.has_perm("billing.delete_invoice"):
        raise PermissionDenied
    Invoice.objects.filter(pk=pk).update(status="void")
    return JsonResponse({"voided": pk})
