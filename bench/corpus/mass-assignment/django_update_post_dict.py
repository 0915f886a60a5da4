# label: vulnerable
# A queryset update() receives every POSTed field of the profile form.
from django.http import JsonResponse

from accounts.models import Profile


def update_profile(request):
    Profile.objects.filter(user=request.user).update(**request.POST.dict())
    return JsonResponse({"updated": True})
