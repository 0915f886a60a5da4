# label: vulnerable
# A GET email parameter is %-formatted into a python-ldap search_s filter.
import ldap
from django.http import JsonResponse


def directory_lookup(request):
    email = request.GET.get("email", "")
    conn = ldap.initialize("ldap://ldap.corp.example")
    conn.simple_bind_s()
    results = conn.search_s("dc=corp,dc=example", ldap.SCOPE_SUBTREE, "(mail=%s)" % email, ["cn", "telephoneNumber"])
    return JsonResponse({"entries": [dn for dn, _ in results]})
