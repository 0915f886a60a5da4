# label: safe
# The view is explicitly decorated with @csrf_protect.
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_protect


@csrf_protect
def update_email(request):
    if request.method == "POST":
        request.user.email = request.POST["email"]
        request.user.save()
    return JsonResponse({"ok": True})
