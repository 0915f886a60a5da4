# label: safe
# The user values are passed as XPath variables ($name, $pw), which lxml binds as strings rather than parsing them.
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/srv/app/users.xml")


@app.post("/login")
def login():
    matches = USERS.xpath("//user[name=$name and password=$pw]",
                          name=request.form["name"], pw=request.form["password"])
    return {"ok": bool(matches)}
