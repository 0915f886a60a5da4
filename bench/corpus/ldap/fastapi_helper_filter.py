# label: vulnerable
# A FastAPI query parameter reaches ldap3 Connection.search through a helper that concatenates the filter.
from fastapi import FastAPI
from ldap3 import Connection, Server

app = FastAPI()


def group_filter(group):
    return "(&(objectClass=groupOfNames)(cn=" + group + "))"


@app.get("/groups/members")
def members(group: str):
    conn = Connection(Server("ldap://ldap.internal"), auto_bind=True)
    conn.search("ou=groups,dc=internal", group_filter(group), attributes=["member"])
    return {"members": [str(e.member) for e in conn.entries]}
