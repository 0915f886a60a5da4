# label: safe
# The username is escaped with ldap3's escape_filter_chars before it is put into the filter.
from flask import Flask, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
server = Server("ldap://ldap.corp.example")


@app.post("/login")
def login():
    username = escape_filter_chars(request.form["username"])
    conn = Connection(server, auto_bind=True)
    conn.search("ou=people,dc=corp,dc=example", f"(&(objectClass=person)(uid={username}))", attributes=["cn"])
    return {"found": len(conn.entries) == 1}
