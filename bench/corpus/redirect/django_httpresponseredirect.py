# label: vulnerable
# A Django view returns HttpResponseRedirect to a GET parameter.
from django.contrib.auth import logout
from django.http import HttpResponseRedirect


def logout_view(request):
    logout(request)
    return HttpResponseRedirect(request.GET.get("return_to", "/"))
