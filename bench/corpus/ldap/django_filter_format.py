# label: safe
# python-ldap's ldap.filter.filter_format escapes the email before it is substituted into the filter.
import ldap
from django.http import JsonResponse
from ldap.filter import filter_format


def directory_lookup(request):
    email = request.GET.get("email", "")
    conn = ldap.initialize("ldap://ldap.corp.example")
    flt = filter_format("(mail=%s)", [email])
    results = conn.search_s("dc=corp,dc=example", ldap.SCOPE_SUBTREE, flt, ["cn"])
    return JsonResponse({"entries": [dn for dn, _ in results]})
