# label: vulnerable
# A state-changing money-transfer view is decorated with @csrf_exempt although it relies on cookie sessions.
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from bank.services import transfer


@csrf_exempt
@login_required
def transfer_funds(request):
    transfer(request.user, request.POST["to_account"], int(request.POST["amount"]))
    return JsonResponse({"ok": True})
