# label: vulnerable
# python-jose get_unverified_claims is used to identify the user without verifying the signature.
from django.http import JsonResponse
from jose import jwt


def whoami(request):
    token = request.META.get("HTTP_AUTHORIZATION", "").split(" ")[-1]
    claims = jwt.get_unverified_claims(token)
    return JsonResponse({"user": claims.get("sub"), "scopes": claims.get("scope", "").split()})
