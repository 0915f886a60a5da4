# label: vulnerable
# A JSON field is joined into a python-ldap search_ext_s filter with str.format.
import ldap
from flask import Flask, request

app = Flask(__name__)


@app.post("/api/users/find")
def find_user():
    dept = request.get_json()["department"]
    conn = ldap.initialize("ldaps://ldap.corp.example")
    flt = "(&(objectClass=inetOrgPerson)(departmentNumber={}))".format(dept)
    res = conn.search_ext_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, flt)
    return {"count": len(res)}
