# label: safe
# The Django cookie is set with secure, httponly and samesite="Strict".
from django.http import JsonResponse


def issue_token(request):
    response = JsonResponse({"ok": True})
    response.set_cookie("api_session", request.session.session_key, max_age=3600,
                        secure=True, httponly=True, samesite="Strict")
    return response
