# label: vulnerable
# A POSTed profile bio is passed through mark_safe and rendered, bypassing template auto-escaping.
from django.shortcuts import render
from django.utils.safestring import mark_safe


def preview_profile(request):
    bio = request.POST.get("bio", "")
    return render(request, "profile/preview.html", {"bio": mark_safe(bio)})
