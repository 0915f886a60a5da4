# label: safe
# The uid number is converted with int() so only digits reach the filter.
import ldap
from flask import Flask, request

app = Flask(__name__)


@app.route("/users/by-uid")
def by_uid():
    uid_number = int(request.args["uid"])
    conn = ldap.initialize("ldap://ldap.corp.example")
    res = conn.search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, f"(uidNumber={uid_number})")
    return {"dns": [dn for dn, _ in res]}
