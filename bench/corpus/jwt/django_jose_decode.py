# label: safe
# python-jose jwt.decode verifies the signature with the public key and RS256.
from django.conf import settings
from django.http import JsonResponse
from jose import jwt


def whoami(request):
    token = request.META.get("HTTP_AUTHORIZATION", "").split(" ")[-1]
    claims = jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=["RS256"])
    return JsonResponse({"user": claims.get("sub")})
