"""Taint engine behaviour: each snippet marks the lines that must be reported with
`# expect: <rule>`; every other line must stay silent."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from threatmark.engine import Engine
from threatmark.model import SourceFile

ENGINE = Engine.create((str(Path(__file__).parent / "rules"),), builtin=False)
HEADER = "import os, shlex, html, subprocess, sqlite3\nfrom flask import Flask, request, redirect\nimport markupsafe\n"

CASES = {
    "assignment and concatenation": """
        def view():
            x = request.args["id"]
            q = "SELECT * FROM t WHERE id=" + x
            cur.execute(q)  # expect: t-sql
    """,
    "augmented assignment": """
        def view():
            q = "SELECT * FROM t WHERE a="
            q += request.form["a"]
            cur.execute(q)  # expect: t-sql
    """,
    "f-string, percent and format": """
        def view():
            x = request.args.get("x")
            cur.execute(f"SELECT {x}")  # expect: t-sql
            cur.execute("SELECT %s" % x)  # expect: t-sql
            cur.execute("SELECT {}".format(x))  # expect: t-sql
            cur.execute(", ".join([x, "a"]))  # expect: t-sql
    """,
    "parametrised query is clean": """
        def view():
            x = request.args.get("x")
            cur.execute("SELECT * FROM t WHERE id = ?", (x,))
            cur.execute(query="SELECT 1")
    """,
    "constant and overwritten values are clean": """
        def view():
            x = request.args.get("x")
            x = "constant"
            cur.execute(x)
            y = request.args.get("y")
            os.system("ls -l")
            cur.execute("SELECT 1")
    """,
    "containers: items, get, subscripts, append": """
        def view():
            x = request.args.get("x")
            d = {"safe": "a", "bad": x}
            cur.execute(d["safe"])
            cur.execute(d.get("safe"))
            cur.execute(d["bad"])  # expect: t-sql
            cur.execute(d.get("bad"))  # expect: t-sql
            items = ["a", x]
            cur.execute(items[0])
            cur.execute(items[1])  # expect: t-sql
            parts = []
            parts.append(x)
            cur.execute(" ".join(parts))  # expect: t-sql
            t = ("SELECT 1", x)
            cur.execute(t[0])
    """,
    "dict keys written later": """
        def view():
            m = {}
            m["keyA"] = "a_value"
            m["keyB"] = request.args["p"]
            cur.execute(m["keyA"])
            cur.execute(m["keyB"])  # expect: t-sql
    """,
    "attributes": """
        class Holder:
            pass

        def view():
            h = Holder()
            h.value = request.args["v"]
            h.other = "safe"
            cur.execute(h.other)
            cur.execute(h.value)  # expect: t-sql
    """,
    "same-file helper summaries": """
        def build(part):
            return "SELECT * FROM t WHERE a=" + part

        def constant(part):
            return "SELECT 1"

        def run(sql):
            cur.execute(sql)  # expect: t-sql

        def view():
            x = request.args["a"]
            cur.execute(build(x))  # expect: t-sql
            cur.execute(constant(x))
            run(x)
            run("SELECT 2")
    """,
    "methods through self": """
        class Repo:
            def query(self, sql):
                return self.cur.execute(sql)

        def view(repo: Repo):
            repo.query("SELECT 1")

        class Service:
            def find(self, name):
                return self.execute_sql("SELECT " + name)

            def execute_sql(self, sql):
                self.cur.execute(sql)  # expect: t-sql

            def handler(self):
                self.find(request.args["n"])
    """,
    "constant conditions fold dead branches": """
        def view():
            param = request.args["p"]
            num = 86
            if 7 * 42 - num > 200:
                bar = "This_should_always_happen"
            else:
                bar = param
            cur.execute(bar)
            if 7 * 18 + num > 200:
                baz = "safe"
            else:
                baz = param
            cur.execute(baz)
            bam = "safe" if (7 * 42) - 86 > 200 else param
            cur.execute(bam)
    """,
    "unknown conditions merge both branches": """
        def view(flag):
            x = "safe"
            if flag:
                x = request.args["p"]
            cur.execute(x)  # expect: t-sql
    """,
    "sanitisers are per sink kind": """
        def view():
            x = request.args["x"]
            cur.execute("SELECT %d" % int(x))
            os.system("echo " + shlex.quote(x))
            cur.execute("SELECT '" + shlex.quote(x) + "'")  # expect: t-sql
            return markupsafe.Markup(html.escape(x))
    """,
    "path guard after early exit": """
        BASE = "/srv/files"

        def view():
            name = request.args["f"]
            full = os.path.realpath(os.path.join(BASE, name))
            if not full.startswith(BASE):
                abort(403)
            open(full)
            open(os.path.join(BASE, os.path.basename(name)))
            open(os.path.join(BASE, name))  # expect: t-path
    """,
    "allow-list guard": """
        ALLOWED = {"a", "b"}

        def view():
            name = request.args["n"]
            if name in ALLOWED:
                os.system("run " + name)
            os.system("run " + name)  # expect: t-shell
    """,
    "route handler parameters and returns": """
        app = Flask(__name__)

        @app.route("/hello/<name>")
        def hello(name):
            return "<h1>Hello " + name + "</h1>"  # expect: t-html

        @app.route("/safe/<name>")
        def safe(name):
            return "<h1>Hello " + html.escape(name) + "</h1>"

        @app.route("/json/<name>")
        def as_json(name):
            return jsonify(name=name)

        @app.route("/go")
        def go():
            return redirect(request.args["next"])  # expect: t-redirect
    """,
    "comprehensions, loops, str methods": """
        def view():
            ids = request.args.getlist("id")
            cur.execute(",".join([i.strip() for i in ids]))  # expect: t-sql
            for i in ids:
                cur.execute("SELECT " + i.upper())  # expect: t-sql
            cur.execute(",".join(str(int(i)) for i in ids))
    """,
    "comprehension if-clause guards its body": """
        def view():
            picked = [n for n in request.args.getlist("n") if n in ALLOWED]
            cur.execute("SELECT " + picked[0])
            raw = [n for n in request.args.getlist("n") if n != "x"]
            cur.execute("SELECT " + raw[0])  # expect: t-sql
            values = {k: v for k, v in request.args.items() if k in ALLOWED}
            cur.execute("SELECT " + str(values))  # expect: t-sql
    """,
    "cli and stdin sources": """
        import sys

        def main():
            os.system("ls " + sys.argv[1])  # expect: t-shell
            name = input("name? ")
            os.system("echo " + name)  # expect: t-shell
    """,
    "setters: what a method stores in self reaches the object's later calls, field by field": """
        class Report:
            def __init__(self):
                self.table = "reports"
                self.title = "untitled"

            def set_table(self, table):
                self.table = table

            def retitle(self, title):
                self.set_title(title)

            def set_title(self, title):
                self.title = title.strip()

            def run(self):
                cur.execute("SELECT * FROM " + self.table)  # expect: t-sql
                return "<h1>" + self.title + "</h1>"

        def by_table():
            report = Report()
            report.set_table(request.args["t"])
            return report.run()

        def by_title():
            report = Report()
            report.retitle(request.args["title"])
            report.run()
            os.system("echo " + report.title)  # expect: t-shell

        def constant_table():
            report = Report()
            report.set_table("archive")
            report.run()
    """,
    "redirects: input after a fixed path or host, or in the query, cannot pick the target": """
        def view():
            x = request.args["x"]
            redirect("/shop/" + x)
            redirect("/shop/" + "cart/" + x + "?from=" + x)
            redirect(f"/shop/{x}/reviews")
            redirect(f"https://shop.example.com/{x}")
            redirect(url_for("shop") + "#" + x)
            redirect("%s?ref=%s" % ("/shop/", x))
            redirect(request.path)
            redirect(request.path + "?page=" + x)
            redirect("/" + x)  # expect: t-redirect
            redirect("https://" + x)  # expect: t-redirect
            redirect("https://shop.example.com" + x)  # expect: t-redirect
            redirect(f"{x}/shop")  # expect: t-redirect
            redirect(x + "/shop/" + x)  # expect: t-redirect
            redirect("%s/shop/%s" % (x, "a"))  # expect: t-redirect
            redirect("/%s" % x)  # expect: t-redirect
    """,
    "guards: an empty value carries nothing; either side of a failed and": """
        from django.utils.http import url_has_allowed_host_and_scheme as safe

        def view():
            x = request.args.get("next")
            if x and not safe(x, allowed_hosts=None):
                x = "/"
            redirect(x)
            y = request.args.get("back")
            if (y or request.args.get("html")) and not safe(y, allowed_hosts=None):
                y = "/"
            redirect(y)
            z = request.args.get("to")
            if request.args.get("strict") and not safe(z, allowed_hosts=None):
                z = "/"
            redirect(z)  # expect: t-redirect
            w = request.args.get("w")
            if not w:
                redirect(w)
            redirect(w)  # expect: t-redirect
    """,
    "half-typed code keeps reporting elsewhere": """
        def view():
            x = request.args["x"]
            cur.execute("SELECT " + x)  # expect: t-sql

        def broken(:
            pass
    """,
    # the relevance pass skips a sink whose arguments are all clean calls (`len(x)`): not when a
    # same-file function or method of that name stands in for the library one
    "clean calls, unless a same-file function is named like them": """
        def int(value):
            return value

        def view():
            cur.execute(int(request.args["x"]))  # expect: t-sql
            cur.execute(len(request.args["x"]))
    """,
    "clean calls, unless a same-file method is named like them": """
        class Box:
            def __init__(self, raw):
                self.raw = raw

            def hexdigest(self):
                return self.raw

        def view():
            box = Box(request.args["x"])
            cur.execute(box.hexdigest())  # expect: t-sql
            cur.execute(request.args["y"].isdigit())
    """,
}


def _expected(code: str) -> set[tuple[str, int]]:
    out = set()
    for number, line in enumerate(code.splitlines(), start=1):
        for rule in re.findall(r"# expect: ([\w-]+)", line):
            out.add((rule, number))
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_flow(name: str) -> None:
    code = HEADER + textwrap.dedent(CASES[name])
    analysis = ENGINE.analyze(SourceFile("case.py", code))
    found = {(f.rule_id, f.span.start.line + 1) for f in analysis.findings}
    assert found == _expected(code)


def test_trace_goes_from_source_to_sink() -> None:
    code = HEADER + textwrap.dedent(CASES["same-file helper summaries"])
    finding = next(f for f in ENGINE.analyze(SourceFile("c.py", code)).findings if True)
    kinds = [step.kind for step in finding.trace]
    assert kinds[0] == "source" and kinds[-1] == "sink"
    assert "request.args" in finding.message


def test_sanitised_flow_through_helper_is_clean() -> None:
    code = HEADER + textwrap.dedent("""
        def clean(value):
            return html.escape(value)

        @app.route("/x/<name>")
        def page(name):
            return "<p>" + clean(name) + "</p>"
    """)
    assert ENGINE.analyze(SourceFile("c.py", code)).findings == ()


def test_inter_file_summaries(tmp_path: Path) -> None:
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "utils.py").write_text(textwrap.dedent("""
        import html
        from flask import request

        def clean(value):
            return html.escape(value)

        def constant(value):
            return "SELECT 1"

        def passthrough(value):
            return value.strip()

        def user_input():
            return request.args["q"]

        def run_sql(query):
            cursor.execute(query)
    """))
    views = textwrap.dedent("""
        from flask import Flask, request
        from app.utils import clean, constant, passthrough, user_input, run_sql
        app = Flask(__name__)

        @app.route("/a/<name>")
        def page(name):
            return "<p>" + clean(name) + "</p>"

        def search():
            x = request.args["x"]
            cur.execute(constant(x))
            cur.execute(passthrough(x))  # expect: t-sql
            cur.execute(user_input())  # expect: t-sql
            run_sql(x)  # expect: t-sql
            run_sql("SELECT 2")
    """)
    path = package / "views.py"
    path.write_text(views)
    project = ENGINE.project((tmp_path,))
    analysis = ENGINE.analyze(SourceFile(str(path), views), project=project)
    assert {(f.rule_id, f.span.start.line + 1) for f in analysis.findings} == _expected(views)
    inside = next(f for f in analysis.findings if "run_sql" in f.snippet)
    assert "inside `app.utils.run_sql()`" in inside.trace[-1].note
    without_project = ENGINE.analyze(SourceFile(str(path), views))
    assert len(without_project.findings) > len(analysis.findings) - 1  # no summaries: guesses differ


def test_declared_sanitiser_outranks_a_project_summary(tmp_path: Path) -> None:
    """A project function matching a sanitiser glob (`*.url_for`) is trusted as declared, even
    though its code, followed across files, would pass its argument through."""
    package = tmp_path / "site"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "links.py").write_text("def url_for(endpoint, **values):\n    return values.get('q') or endpoint\n"
                                      "def link(endpoint):\n    return '/' + endpoint\n")
    views = textwrap.dedent("""
        from flask import request, redirect
        from site.links import url_for, link

        def go():
            redirect(url_for("search", q=request.args["q"]))
            redirect(link(request.args["to"]))  # expect: t-redirect
    """)
    path = package / "views.py"
    path.write_text(views)
    analysis = ENGINE.analyze(SourceFile(str(path), views), project=ENGINE.project((tmp_path,)))
    assert {(f.rule_id, f.span.start.line + 1) for f in analysis.findings} == _expected(views)


def test_class_attributes_carry_taint_between_methods() -> None:
    code = HEADER + textwrap.dedent("""
        class Report:
            def __init__(self):
                self.title = request.args["title"]
                self.kind = "daily"

            def render(self):
                os.system("make-report " + self.kind)
                os.system("make-report " + self.title)  # expect: t-shell
    """)
    found = {(f.rule_id, f.span.start.line + 1) for f in ENGINE.analyze(SourceFile("c.py", code)).findings}
    assert found == _expected(code)


def test_review_gaps_lookup_tables_shadowing_guards_and_json() -> None:
    code = HEADER + textwrap.dedent("""
        from urllib.parse import urlparse
        from flask import session
        import requests
        EXPORTERS = {"csv": "SELECT 1", "json": "SELECT 2"}
        ALLOWED_HOSTS = {"example.com"}

        def export():
            cur.execute(EXPORTERS.get(request.args["f"], "SELECT 0"))

        def proxy():
            url = request.args["u"]
            with requests.Session() as session:
                session.post("https://api.example.com/log")
            if urlparse(url).hostname not in ALLOWED_HOSTS:
                abort(400)
            return redirect(url)

        def unsafe_relative():
            target = request.args["next"]
            if target.startswith("/"):
                return redirect(target)  # expect: t-redirect

        def naive_prefix():
            full = os.path.join("/srv", request.args["f"])
            if not full.startswith("/srv"):
                abort(403)
            open(full)  # expect: t-path

        def common():
            full = os.path.realpath(os.path.join("/srv", request.args["f"]))
            if os.path.commonpath([full, "/srv"]) != "/srv":
                abort(403)
            open(full)

        @app.route("/api/<name>")
        def as_dict(name):
            return {"name": name}
    """)
    found = {(f.rule_id, f.span.start.line + 1) for f in ENGINE.analyze(SourceFile("c.py", code)).findings}
    assert found == _expected(code)


def test_instances_derived_url_parts_typed_params_and_dead_pattern_branches() -> None:
    code = HEADER + textwrap.dedent("""
        from urllib.parse import urlparse
        ALLOWED = {"cdn.example.com"}

        class Repo:
            def __init__(self, customer):
                self.customer = customer

            def unpaid(self):
                cur.execute(f"SELECT * FROM invoices WHERE customer = '{self.customer}'")  # expect: t-sql

        @app.route("/invoices")
        def invoices():
            repo = Repo(request.args["customer"])
            return str(repo.unpaid())

        def fetch():
            url = request.args["url"]
            parts = urlparse(url)
            if parts.scheme != "https" or parts.hostname not in ALLOWED:
                abort(400)
            return redirect(url)

        @app.get("/items/{item_id}")
        def item(item_id: int, name: str):
            cur.execute(f"SELECT * FROM items WHERE id = {item_id}")
            cur.execute(f"SELECT * FROM items WHERE name = '{name}'")  # expect: t-sql
    """)
    found = {(f.rule_id, f.span.start.line + 1) for f in ENGINE.analyze(SourceFile("c.py", code)).findings}
    assert found == _expected(code)


def test_pattern_matches_in_dead_branches_are_not_reported() -> None:
    engine = Engine.create()
    code = ("import hashlib\nif 7 * 3 > 100:\n    hashlib.md5(b'a')\nelse:\n    hashlib.md5(b'b')\n"
            "while False:\n    hashlib.md5(b'c')\n")
    lines = [f.span.start.line + 1 for f in engine.analyze(SourceFile("d.py", code)).findings]
    assert lines == [5]


def test_request_in_http_client_code_is_the_outgoing_request() -> None:
    """A file importing an HTTP client library and no web framework builds requests: its
    `request.url` is not untrusted input. With a web framework imported, it is."""
    adapter = textwrap.dedent("""
        import requests

        class FileAdapter(requests.adapters.BaseAdapter):
            def send(self, request, **kwargs):
                path = request.url[len("file://"):]
                return subprocess.run("cat " + path, shell=True)
    """)
    engine = Engine.create()
    client_code = engine.analyze(SourceFile("adapter.py", adapter))
    assert not [f for f in client_code.findings if "injection" in f.rule_id]
    view = "from flask import Flask\n" + adapter.replace("class FileAdapter(requests.adapters.BaseAdapter):",
                                                          "class FileAdapter:")
    served = engine.analyze(SourceFile("views.py", view.replace("def send(self, request", "def get(self, request")))
    assert [f for f in served.findings if f.rule_id == "py-os-command-injection"] or \
        [f for f in served.findings if f.rule_id == "py-subprocess-shell-injection"]
