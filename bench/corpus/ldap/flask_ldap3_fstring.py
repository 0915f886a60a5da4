# label: vulnerable
# The login username is placed into an ldap3 search filter with an f-string, so "*)(uid=*" alters the filter.
from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)
server = Server("ldap://ldap.corp.example")


@app.post("/login")
def login():
    username = request.form["username"]
    conn = Connection(server, "cn=svc,dc=corp,dc=example", "svc-pass-from-vault", auto_bind=True)
    conn.search("ou=people,dc=corp,dc=example", f"(&(objectClass=person)(uid={username}))", attributes=["cn"])
    return {"found": len(conn.entries) == 1}
