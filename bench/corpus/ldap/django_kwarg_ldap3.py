# label: vulnerable
# A Django URL kwarg becomes part of an ldap3 filter via %-formatting in a class method.
from django.http import JsonResponse
from ldap3 import Connection, Server


class Directory:
    def __init__(self):
        self.conn = Connection(Server("ldap://dir.local"), auto_bind=True)

    def find(self, uid):
        self.conn.search("dc=dir,dc=local", "(uid=%s)" % uid, attributes=["mail"])
        return self.conn.entries


def profile(request, uid):
    return JsonResponse({"entries": len(Directory().find(uid))})
