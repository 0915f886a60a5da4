# label: vulnerable
# A Django class-based view disables CSRF for its dispatch method via method_decorator(csrf_exempt).
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt


@method_decorator(csrf_exempt, name="dispatch")
class ProfileUpdateView(View):
    def post(self, request):
        request.user.email = request.POST["email"]
        request.user.save()
        return JsonResponse({"ok": True})
