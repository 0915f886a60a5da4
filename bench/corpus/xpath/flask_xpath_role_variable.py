# label: safe
# Held-out: the user name is passed as an XPath variable, not spliced into the expression.
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("/srv/app/users.xml")


@app.route("/user")
def user():
    found = DOC.xpath("//user[@name=$name]/@role", name=request.args.get("name", ""))
    return jsonify(roles=[str(r) for r in found])
