import re
import sys
import xml.etree.ElementTree as ET

import elementpath
from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
api = FastAPI()
USERS = etree.parse("/srv/app/users.xml")
SETTINGS = ET.parse("/srv/app/settings.xml").getroot()
ALLOWED_SECTIONS = {"mail", "storage", "ui"}


def find_setting(doc, name):
    # ruleid: py-xpath-injection
    return doc.xpath("//setting[@name='%s']/text()" % name)


@app.route("/settings")
def settings():
    return jsonify(value=find_setting(USERS, request.args["name"]))


@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"]
    password = request.form["password"]
    # ruleid: py-xpath-injection
    query = etree.XPath(f"//user[@name='{user}' and @password='{password}']")
    if not query(USERS):
        abort(401)
    return jsonify(ok=True)


def section(request):
    name = request.GET["section"]
    # ruleid: py-xpath-injection
    node = SETTINGS.find(".//section[@name='" + name + "']")
    return JsonResponse({"found": node is not None})


@api.get("/users/{uid}")
def user_detail(uid: str):
    # ruleid: py-xpath-injection
    nodes = elementpath.select(USERS.getroot(), "//user[@id='{}']".format(uid))
    return {"count": len(nodes)}


def main():
    expr = sys.argv[1]
    # ruleid: py-xpath-injection
    print(USERS.xpath(expr))


def ask():
    role = input("role: ")
    # ruleid: py-xpath-injection
    for user in SETTINGS.findall("./users/user[@role='" + role + "']"):
        print(user.get("name"))


# ---- safe near-misses -------------------------------------------------------


def find_setting_safe(doc, name):
    # ok: py-xpath-injection
    return doc.xpath("//setting[@name=$n]/text()", n=name)


@app.route("/settings-safe")
def settings_safe():
    return jsonify(value=find_setting_safe(USERS, request.args["name"]))


@app.route("/login-safe", methods=["POST"])
def login_safe():
    # ok: py-xpath-injection
    query = etree.XPath("//user[@name=$user and @password=$password]")
    if not query(USERS, user=request.form["user"], password=request.form["password"]):
        abort(401)
    return jsonify(ok=True)


def section_safe(request):
    name = request.GET["section"]
    if name not in ALLOWED_SECTIONS:
        return JsonResponse({"error": "unknown section"}, status=400)
    # ok: py-xpath-injection
    node = SETTINGS.find(".//section[@name='" + name + "']")
    # ok: py-xpath-injection
    position = request.GET["title"].find("draft")
    # ok: py-xpath-injection
    mentions = re.findall(".*" + request.GET["title"] + ".*", "draft notes")
    return JsonResponse({"found": node is not None, "draft": position, "mentions": len(mentions)})


@api.get("/users/by-index/{index}")
def user_by_index(index: str):
    # ok: py-xpath-injection
    nodes = USERS.xpath("//user[%d]" % int(index))
    # ok: py-xpath-injection
    same = elementpath.select(USERS.getroot(), "//user[@id=$id]", variables={"id": index})
    return {"count": len(nodes) + len(same)}


def debug(request):
    expr = request.GET["expr"]
    if 7 * 3 > 100:
        # ok: py-xpath-injection
        USERS.xpath(expr)
    expr = "count(//user)"
    # ok: py-xpath-injection
    total = USERS.xpath(expr)
    spec = {"role": request.GET["role"], "path": "./users/user"}
    # ok: py-xpath-injection
    users = SETTINGS.findall(spec["path"])
    return JsonResponse({"total": total, "users": len(users)})


def manager_of(request, employee):
    chart = etree.parse("/srv/app/orgchart.xml")
    evaluator = etree.XPathEvaluator(chart)
    # ruleid: py-xpath-injection
    result = evaluator(f"string(//person[@id='{employee}']/@manager)")
    # ruleid: py-xpath-injection
    title = etree.XPathEvaluator(chart)(f"string(//person[@id='{employee}']/@title)")
    # ok: py-xpath-injection
    same = evaluator("string(//person[@id=$emp]/@manager)", emp=employee)
    return JsonResponse({"manager": str(result), "title": str(title), "same": str(same)})
