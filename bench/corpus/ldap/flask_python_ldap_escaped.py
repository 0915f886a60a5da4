# label: safe
# Held-out: python-ldap search with the user name escaped by ldap.filter.escape_filter_chars.
import ldap
import ldap.filter
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/lookup")
def lookup():
    username = request.args.get("user", "")
    conn = ldap.initialize("ldap://ldap.example.com")
    safe = ldap.filter.escape_filter_chars(username)
    results = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={safe})", ["mail"])
    return jsonify(count=len(results))
