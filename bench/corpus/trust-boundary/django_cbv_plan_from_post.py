# label: vulnerable
# Held-out: a class-based view copies the POSTed plan name into the session unvalidated.
from django.http import JsonResponse
from django.views import View


class ChoosePlanView(View):
    def post(self, request):
        request.session["plan"] = request.POST.get("plan", "free")
        return JsonResponse({"ok": True})
