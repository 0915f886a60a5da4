# label: safe
# The transfer view keeps Django's default CSRF middleware protection and only accepts POST.
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from bank.services import transfer


@require_POST
@login_required
def transfer_funds(request):
    transfer(request.user, request.POST["to_account"], int(request.POST["amount"]))
    return JsonResponse({"ok": True})
