# label: vulnerable
# Held-out: a Django view builds a python-ldap filter with str.format from a GET parameter.
import ldap
from django.http import JsonResponse


def find_mail(request):
    handle = ldap.initialize("ldap://ldap.corp.example")
    wanted = request.GET.get("cn", "")
    query = "(&(objectClass=inetOrgPerson)(cn={}))".format(wanted)
    rows = handle.search_s("dc=corp,dc=example", ldap.SCOPE_SUBTREE, query, ["mail"])
    return JsonResponse({"mail": [r[1].get("mail") for r in rows]})
