# label: vulnerable
# A Django auth cookie is set with httponly=False and without secure=True, exposing it to scripts and plain HTTP.
from django.http import JsonResponse


def issue_token(request):
    response = JsonResponse({"ok": True})
    response.set_cookie("api_session", request.session.session_key, httponly=False, max_age=3600)
    return response
