# label: vulnerable
# The login name is placed in an lxml XPath expression with an f-string, so "' or '1'='1" matches every user.
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/srv/app/users.xml")


@app.post("/login")
def login():
    name = request.form["name"]
    password = request.form["password"]
    matches = USERS.xpath(f"//user[name='{name}' and password='{password}']")
    return {"ok": bool(matches)}
