# label: safe
# The LDAP filter is a constant; the query parameter only selects which attribute to return from the results.
from fastapi import FastAPI
from ldap3 import Connection, Server

app = FastAPI()


@app.get("/admins")
def admins(attribute: str = "cn"):
    conn = Connection(Server("ldap://ldap.internal"), auto_bind=True)
    conn.search("ou=groups,dc=internal", "(&(objectClass=groupOfNames)(cn=admins))", attributes=["member"])
    return {"admins": [str(e.member) for e in conn.entries], "attribute": attribute}
