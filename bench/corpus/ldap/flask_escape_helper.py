# label: safe
# A helper in the file escapes the department with ldap.filter.escape_filter_chars before building the filter.
import ldap
from flask import Flask, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)


def dept_filter(dept):
    return "(&(objectClass=inetOrgPerson)(departmentNumber=%s))" % escape_filter_chars(dept)


@app.post("/api/users/find")
def find_user():
    conn = ldap.initialize("ldaps://ldap.corp.example")
    res = conn.search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, dept_filter(request.json["department"]))
    return {"count": len(res)}
