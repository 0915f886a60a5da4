import re

from flask import Flask, request

app = Flask(__name__)

# ruleid: py-redos-nested-quantifier
TITLE = re.compile(r"^([a-zA-Z0-9]+\s?)*$")
# ok: py-redos-nested-quantifier
SECTION = re.compile(r"^(\[[a-z]+\])+$")
# ok: py-redos-nested-quantifier
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@app.route("/check")
def check():
    q = request.args.get("q", "")
    # ruleid: py-redos-nested-quantifier
    if re.search(r"^(\d+)*x$", q):
        return "odd"
    # ok: py-redos-nested-quantifier
    if re.fullmatch(r"\d{1,20}x", q):
        return "bounded"
    # ruleid: py-redos-nested-quantifier
    if re.match(r"^([a-z0-9]+)+$", q):
        return "code"
    return "no"


def valid_email(email: str) -> bool:
    # ruleid: py-redos-nested-quantifier
    return re.fullmatch(r"([\w.-]+)+@([\w-]+\.)+[a-z]{2,}", email) is not None


def simple_email(email: str) -> bool:
    # ok: py-redos-nested-quantifier
    return re.fullmatch(r"[\w.-]+@[\w-]+(\.[\w-]+)+", email) is not None


def words(text: str) -> list[str]:
    # ruleid: py-redos-nested-quantifier
    return re.findall(pattern=r"(?:\w+\s*)+!", string=text)


def literal(text: str) -> list[str]:
    needle = re.escape(text)
    # ok: py-redos-nested-quantifier
    return re.findall(needle, "haystack")


if 7 * 3 > 100:
    # ok: py-redos-nested-quantifier
    DEAD = re.compile(r"(a+)+$")
