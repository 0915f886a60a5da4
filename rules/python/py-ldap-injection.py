import re
import sys

import ldap
import ldap3
from django.conf import settings
from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, abort, jsonify, request
from ldap.filter import escape_filter_chars, filter_format
from ldap3 import ALL_ATTRIBUTES, SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars as ldap3_escape

app = Flask(__name__)
api = FastAPI()
BASE_DN = "ou=people,dc=example,dc=com"
LDAP_URL = "ldaps://ldap.example.com"
USERNAME_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,31}$")


def directory():
    return Connection(Server(LDAP_URL), auto_bind=True)


@app.route("/directory")
def find_user():
    conn = ldap.initialize(LDAP_URL)
    # ruleid: py-ldap-injection
    result = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + request.args["user"] + ")")
    return jsonify(result=str(result))


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    conn = directory()
    # ruleid: py-ldap-injection
    conn.search(BASE_DN, f"(&(objectClass=person)(uid={username}))", attributes=["cn", "mail"])
    if not conn.entries:
        abort(401)
    return jsonify(cn=str(conn.entries[0].cn))


def group_members(request):
    group = request.GET["group"]
    ldap_conn = Connection(Server(settings.LDAP_URL), auto_bind=True)
    search_filter = "(&(objectClass=groupOfNames)(cn=%s))" % group
    # ruleid: py-ldap-injection
    ldap_conn.search(search_base=settings.LDAP_BASE, search_filter=search_filter, search_scope=SUBTREE)
    return JsonResponse({"members": [str(e.member) for e in ldap_conn.entries]})


@api.get("/people/{department}")
def people(department: str):
    conn = directory()
    # ruleid: py-ldap-injection
    conn.search("ou={},dc=example,dc=com".format(department), "(objectClass=person)", attributes=ALL_ATTRIBUTES)
    return {"people": [e.entry_dn for e in conn.entries]}


def main():
    mail = sys.argv[1]
    conn = ldap.initialize(LDAP_URL)
    # ruleid: py-ldap-injection
    msgid = conn.search_ext(BASE_DN, ldap.SCOPE_SUBTREE, filterstr="(mail=" + mail + ")")
    print(conn.result(msgid))


def lookup_interactive():
    name = input("cn: ")
    conn = directory()
    # ruleid: py-ldap-injection
    for entry in conn.extend.standard.paged_search(BASE_DN, "(cn=" + name + ")", paged_size=100):
        print(entry["dn"])


# ---- safe near-misses -------------------------------------------------------


@app.route("/directory-safe")
def find_user_safe():
    conn = ldap.initialize(LDAP_URL)
    user = escape_filter_chars(request.args["user"])
    # ok: py-ldap-injection
    result = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + user + ")")
    # ok: py-ldap-injection
    result += conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, filter_format("(mail=%s)", [request.args["mail"]]))
    return jsonify(result=str(result))


@app.route("/login-safe", methods=["POST"])
def login_safe():
    username = request.form["username"]
    conn = directory()
    # ok: py-ldap-injection
    conn.search(BASE_DN, f"(&(objectClass=person)(uid={ldap3_escape(username)}))", attributes=["cn"])
    return jsonify(found=bool(conn.entries))


@app.route("/validate")
def validate():
    username = request.args["user"]
    # ok: py-ldap-injection
    match = USERNAME_RE.search(username)
    # ok: py-ldap-injection
    other = re.search(r"^[a-z]+$", request.args["other"])
    return jsonify(valid=bool(match and other))


@api.get("/admins")
def admins(limit: str):
    conn = directory()
    # ok: py-ldap-injection
    conn.search(BASE_DN, "(memberOf=cn=admins,ou=groups,dc=example,dc=com)", size_limit=int(limit))
    return {"admins": [e.entry_dn for e in conn.entries]}


def group_members_checked(request):
    group = request.GET["group"]
    if not USERNAME_RE.fullmatch(group):
        return JsonResponse({"error": "bad group"}, status=400)
    conn = ldap.initialize(settings.LDAP_URL)
    # ok: py-ldap-injection
    return JsonResponse({"r": str(conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(cn=" + group + ")"))})


def debug_lookup(request):
    uid = request.GET["uid"]
    conn = directory()
    if 7 * 3 > 100:
        # ok: py-ldap-injection
        conn.search(BASE_DN, "(uid=" + uid + ")")
    uid = "admin"
    # ok: py-ldap-injection
    conn.search(BASE_DN, "(uid=" + uid + ")")
    query = {"uid": request.GET["uid"], "filter": "(objectClass=person)"}
    # ok: py-ldap-injection
    conn.search(BASE_DN, query["filter"])
    return JsonResponse({"n": len(conn.entries)})


class Roster:
    base = "ou=staff,dc=people,dc=local"

    def __init__(self, team):
        self.team = team

    def connect(self):
        return Connection(Server("ldap://people.local"), auto_bind=True)

    def members(self):
        conn = self.connect()
        # ruleid: py-ldap-injection
        conn.search(self.base, search_filter=f"(&(objectClass=person)(ou={self.team}))")
        return conn.entries

    def managers(self):
        conn = self.connect()
        # ok: py-ldap-injection
        conn.search(self.base, search_filter="(&(objectClass=person)(title=manager))")
        return conn.entries


@app.route("/teams/<team>")
def team_roster(team):
    roster = Roster(team)
    return jsonify(members=len(roster.members()), managers=len(roster.managers()))
