import re

import regex
from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()
NOTES = ["buy milk", "call bob", "ship release"]
SORT_FIELDS = {"title", "created"}


@app.route("/notes/search")
def search_notes():
    term = request.args.get("q", "")
    # ruleid: py-regex-injection
    pattern = re.compile(term, re.IGNORECASE)
    return jsonify([n for n in NOTES if pattern.search(n)])


@app.route("/notes/highlight", methods=["POST"])
def highlight():
    word = request.form["word"]
    # ruleid: py-regex-injection
    return re.sub(word, lambda m: "<mark>" + m.group(0) + "</mark>", request.form["text"])


def filter_users(request):
    prefix = request.GET.get("prefix", "")
    names = ["alice", "bob", "carol"]
    # ruleid: py-regex-injection
    return JsonResponse({"users": [n for n in names if re.match(prefix + ".*", n)]})


@api.get("/logs/{needle}")
def grep_logs(needle: str):
    with open("/var/log/app.log") as fh:
        # ruleid: py-regex-injection
        return {"hits": re.findall(f".*{needle}.*", fh.read())}


@api.post("/split")
def split_text(separator: str, text: str):
    # ruleid: py-regex-injection
    return {"parts": re.split(pattern=separator, string=text)}


# ---- safe near-misses -------------------------------------------------------


@app.route("/notes/search-safe")
def search_notes_safe():
    term = request.args.get("q", "")
    # ok: py-regex-injection
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    return jsonify([n for n in NOTES if pattern.search(n)])


@app.route("/notes/validate", methods=["POST"])
def validate():
    # ok: py-regex-injection
    valid = re.fullmatch(r"[a-z0-9-]{1,32}", request.form["slug"]) is not None
    # ok: py-regex-injection
    words = re.split(r"\s+", request.form["text"])
    return jsonify(valid=valid, words=len(words))


def sort_users(request):
    field = request.GET.get("sort", "title")
    if field not in SORT_FIELDS:
        field = "title"
    # ok: py-regex-injection
    return JsonResponse({"ok": bool(re.match(field, "title"))})


@api.get("/debug/{expr}")
def debug(expr: str):
    if 7 * 3 > 100:
        # ok: py-regex-injection
        re.compile(expr)
    expr = r"^\d+$"
    # ok: py-regex-injection
    return {"ok": bool(re.search(expr, "123"))}


def match_tag(request):
    query = {"tag": request.GET["tag"], "pattern": r"^[a-z]+$"}
    # ok: py-regex-injection
    return JsonResponse({"ok": bool(re.match(query["pattern"], query["tag"]))})


RFC1123 = re.compile(r"^\w{3}, (?P<day>\d{2}) (?P<mon>\w{3}) (?P<year>\d{4})")
ISO8601 = re.compile(r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})")


def parse_when(header_value):
    for regex in (RFC1123, ISO8601):
        # ok: py-regex-injection
        found = regex.match(header_value)
        if found:
            return found.groupdict()
    return None


def when_header(request):
    return parse_when(request.headers.get("If-Modified-Since", ""))


@app.route("/grep")
def grep_lines():
    # ruleid: py-regex-injection
    matcher = regex.compile(request.args["pattern"], regex.IGNORECASE)
    return jsonify([line for line in LINES if matcher.search(line)])
