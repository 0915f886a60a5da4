# label: safe
# A dict comprehension keeps only allow-listed keys before the update(**...) call.
from django.http import JsonResponse

from accounts.models import Profile

ALLOWED = {"bio", "location", "website"}


def update_profile(request):
    changes = {k: v for k, v in request.POST.items() if k in ALLOWED}
    Profile.objects.filter(user=request.user).update(**changes)
    return JsonResponse({"updated": sorted(changes)})
