# label: vulnerable
# A class-based view asserts the user is authenticated before revealing account data.
from django.http import JsonResponse
from django.views import View


class AccountView(View):
    def get(self, request):
        assert request.user.is_authenticated
        return JsonResponse({"email": request.user.email, "balance": str(request.user.account.balance)})
