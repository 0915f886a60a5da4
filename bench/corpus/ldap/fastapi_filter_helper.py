# label: vulnerable
# Held-out: a helper concatenates the query parameter into an ldap3 filter.
from fastapi import FastAPI
from ldap3 import Connection, Server

app = FastAPI()


def person_filter(name):
    return "(&(objectClass=person)(cn=" + name + "))"


@app.get("/people")
def people(q: str):
    conn = Connection(Server("ldap://ldap.example.com"), auto_bind=True)
    conn.search("dc=example,dc=com", person_filter(q), attributes=["mail"])
    return {"count": len(conn.entries)}
