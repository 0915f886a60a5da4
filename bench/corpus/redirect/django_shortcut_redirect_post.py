# label: vulnerable
# django.shortcuts.redirect is called with a POSTed URL after saving a form.
from django.shortcuts import redirect

from accounts.forms import ProfileForm


def save_profile(request):
    form = ProfileForm(request.POST, instance=request.user.profile)
    if form.is_valid():
        form.save()
    return redirect(request.POST.get("continue", "/profile/"))
