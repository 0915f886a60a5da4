#!/usr/bin/env python3
"""Generate a realistic, deterministic N-line Python file for timing single-file analysis.

The file is a concatenation of Flask/Django-style "modules" (routes, views, models, services,
helpers, data classes) written from templates with seeded names. Most calls are safe
(parametrised SQL, argument-list subprocess, yaml.safe_load, sha256, escaping); about one module
in twelve plants a weakness (SQL/command injection, eval, pickle, yaml.load, md5, verify=False,
...), so analysers have real work, real findings and many near misses.

    python bench/make_corpus_file.py                 # bench/work/corpus_1000.py, corpus_10000.py
    python bench/make_corpus_file.py --lines 500 50000 --seed 7

From another bench script (with bench/ on sys.path):

    from make_corpus_file import make_file
    source = make_file(10_000)   # exactly 10,000 lines, always the same text
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work"

HEADER = '''"""Generated benchmark corpus: Flask/Django-style modules concatenated into one file."""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import pickle
import random
import secrets
import shlex
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import requests
import yaml
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from flask import Blueprint, abort, jsonify, redirect, render_template, request, session, url_for
from markupsafe import escape

log = logging.getLogger(__name__)
DB_PATH = os.environ.get("APP_DB", "app.db")
'''

NOUNS = [
    "order",
    "invoice",
    "customer",
    "product",
    "ticket",
    "report",
    "account",
    "shipment",
    "coupon",
    "review",
    "message",
    "project",
    "task",
    "upload",
    "team",
    "payment",
    "profile",
    "asset",
]
FIELDS = ["name", "status", "email", "title", "owner", "region", "category", "created", "total", "note"]

Chunk = list[str]


def _names(rng: random.Random, idx: int) -> dict[str, str]:
    """Identifiers for one module: a noun, its plural, a class name and two field names."""
    noun = rng.choice(NOUNS)
    f1, f2 = rng.sample(FIELDS, 2)
    return {"n": f"{noun}{idx}", "ns": f"{noun}s{idx}", "C": f"{noun.title()}{idx}", "f1": f1, "f2": f2, "i": str(idx)}


def flask_routes(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """A Flask blueprint with list/detail/create routes over sqlite."""
    v = _names(rng, idx)
    if vulnerable:
        query = "    cur.execute(f\"SELECT id, {f1} FROM {ns} WHERE {f2} = '{{term}}'\")".format(**v)
    else:
        query = '    cur.execute("SELECT id, {f1} FROM {ns} WHERE {f2} = ?", (term,))'.format(**v)
    text = f'''

# ---- module: {v["ns"]}/routes.py ----
bp_{v["i"]} = Blueprint("{v["ns"]}", __name__, url_prefix="/{v["ns"]}")


def _db_{v["i"]}() -> sqlite3.Connection:
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


@bp_{v["i"]}.route("/")
def list_{v["ns"]}():
    term = request.args.get("{v["f2"]}", "")
    limit = min(int(request.args.get("limit", 50)), 200)
    cur = _db_{v["i"]}().cursor()
{query}
    rows = cur.fetchall()[:limit]
    log.debug("listed %d {v["ns"]}", len(rows))
    return render_template("{v["ns"]}/list.html", rows=rows, term=term)


@bp_{v["i"]}.route("/<int:item_id>")
def show_{v["n"]}(item_id: int):
    cur = _db_{v["i"]}().cursor()
    cur.execute("SELECT * FROM {v["ns"]} WHERE id = ?", (item_id,))
    row = cur.fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@bp_{v["i"]}.route("/", methods=["POST"])
def create_{v["n"]}():
    payload = request.get_json(force=True)
    value = str(payload.get("{v["f1"]}", "")).strip()
    if not value:
        abort(400)
    conn = _db_{v["i"]}()
    conn.execute("INSERT INTO {v["ns"]} ({v["f1"]}) VALUES (:v)", {{"v": value}})
    conn.commit()
    return redirect(url_for("{v["ns"]}.list_{v["ns"]}"))
'''
    return text.split("\n")


def django_views(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """Django function views using the ORM and a raw cursor."""
    v = _names(rng, idx)
    raw = (
        '        cursor.execute("SELECT COUNT(*) FROM app_{n} WHERE {f1} = \'" + value + "\'")'
        if vulnerable
        else '        cursor.execute("SELECT COUNT(*) FROM app_{n} WHERE {f1} = %s", [value])'
    ).format(**v)
    text = f'''

# ---- module: {v["ns"]}/views.py ----
def {v["n"]}_detail(request, pk):
    obj = get_object_or_404({v["C"]}, pk=pk)
    context = {{"object": obj, "{v["f1"]}": escape(obj.{v["f1"]}), "now": datetime.now()}}
    return render(request, "{v["ns"]}/detail.html", context)


def {v["n"]}_count(request):
    value = request.GET.get("{v["f1"]}", "")
    with connection.cursor() as cursor:
{raw}
        (count,) = cursor.fetchone()
    return JsonResponse({{"count": count, "{v["f1"]}": value}})


def {v["n"]}_export(request):
    rows = [{{"id": o.pk, "{v["f2"]}": o.{v["f2"]}}} for o in {v["C"]}.objects.all()[:500]]
    response = HttpResponse(json.dumps(rows, default=str), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="{v["ns"]}.json"'
    return response
'''
    return text.split("\n")


def model_class(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """A dataclass model with validation and (de)serialisation helpers."""
    v = _names(rng, idx)
    load = "pickle.loads(blob)" if vulnerable else "json.loads(blob.decode())"
    text = f'''

# ---- module: {v["ns"]}/models.py ----
@dataclass
class {v["C"]}:
    id: int
    {v["f1"]}: str
    {v["f2"]}: str = ""
    tags: list[str] = field(default_factory=list)
    created: datetime = field(default_factory=datetime.now)

    def validate(self) -> list[str]:
        errors = []
        if not self.{v["f1"]}:
            errors.append("{v["f1"]} is required")
        if len(self.{v["f2"]}) > 255:
            errors.append("{v["f2"]} is too long")
        return errors

    def to_dict(self) -> dict[str, Any]:
        return {{"id": self.id, "{v["f1"]}": self.{v["f1"]}, "{v["f2"]}": self.{v["f2"]}, "tags": list(self.tags)}}

    @classmethod
    def from_blob(cls, blob: bytes) -> {v["C"]}:
        data = {load}
        return cls(**data)

    def is_recent(self, days: int = 7) -> bool:
        return datetime.now() - self.created < timedelta(days=days)
'''
    return text.split("\n")


def shell_helpers(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """Helpers that run external tools."""
    v = _names(rng, idx)
    call = (
        '    return subprocess.check_output("convert " + path + " -resize 200x200 " + out, shell=True)'
        if vulnerable
        else '    return subprocess.check_output(["convert", path, "-resize", "200x200", out])'
    )
    text = f"""

# ---- module: {v["ns"]}/tools.py ----
def thumbnail_{v["n"]}(path: str, out: str) -> bytes:
    if not os.path.isfile(path):
        raise FileNotFoundError(path)
{call}


def archive_{v["n"]}(folder: str) -> int:
    quoted = shlex.quote(folder)
    log.info("archiving %s", quoted)
    return subprocess.run(["tar", "czf", folder + ".tgz", folder], check=False).returncode


def disk_free_{v["i"]}() -> str:
    return subprocess.run(["df", "-h", "/"], capture_output=True, text=True, check=True).stdout
"""
    return text.split("\n")


def http_client(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """An outbound HTTP client class."""
    v = _names(rng, idx)
    verify = "False" if vulnerable else "True"
    text = f'''

# ---- module: {v["ns"]}/client.py ----
class {v["C"]}Client:
    """Talks to the {v["ns"]} service."""

    def __init__(self, base_url: str, token: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {{token}}"

    def get(self, item_id: int) -> dict[str, Any]:
        url = f"{{self.base_url}}/{v["ns"]}/{{int(item_id)}}"
        response = self.session.get(url, timeout=self.timeout, verify={verify})
        response.raise_for_status()
        return response.json()

    def search(self, **filters: str) -> list[dict[str, Any]]:
        response = self.session.get(f"{{self.base_url}}/{v["ns"]}", params=filters, timeout=self.timeout)
        response.raise_for_status()
        return [item for item in response.json().get("items", []) if item.get("{v["f1"]}")]
'''
    return text.split("\n")


def crypto_helpers(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """Hashing and token helpers."""
    v = _names(rng, idx)
    digest = "hashlib.md5(password.encode())" if vulnerable else "hashlib.sha256(salt + password.encode())"
    token = 'random.choice("0123456789abcdef")' if vulnerable else 'secrets.choice("0123456789abcdef")'
    text = f"""

# ---- module: {v["ns"]}/security.py ----
def hash_{v["n"]}_password(password: str, salt: bytes) -> str:
    return {digest}.hexdigest()


def {v["n"]}_token(length: int = 32) -> str:
    return "".join({token} for _ in range(length))


def {v["n"]}_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def {v["n"]}_key(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
"""
    return text.split("\n")


def config_loader(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """Config/YAML loading and temp files."""
    v = _names(rng, idx)
    load = "yaml.load(handle, Loader=yaml.Loader)" if vulnerable else "yaml.safe_load(handle)"
    tmp = "tempfile.mktemp(suffix='.json')" if vulnerable else "tempfile.mkstemp(suffix='.json')[1]"
    text = f'''

# ---- module: {v["ns"]}/config.py ----
DEFAULTS_{v["i"]} = {{"{v["f1"]}": "", "{v["f2"]}": None, "retries": 3, "debug": False}}


def load_{v["n"]}_config(path: str) -> dict[str, Any]:
    config = dict(DEFAULTS_{v["i"]})
    with open(path, encoding="utf-8") as handle:
        config.update({load} or {{}})
    config["retries"] = max(0, int(config["retries"]))
    return config


def dump_{v["n"]}_config(config: dict[str, Any]) -> str:
    path = {tmp}
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2, sort_keys=True)
    return path
'''
    return text.split("\n")


def service_class(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """A service layer class with business logic and a dynamic-evaluation hook."""
    v = _names(rng, idx)
    rule = "eval(expression, {}, dict(record))" if vulnerable else "record.get(expression) is not None"
    text = f'''

# ---- module: {v["ns"]}/service.py ----
class {v["C"]}Service:
    def __init__(self, repository: Any, notifier: Any = None) -> None:
        self.repository = repository
        self.notifier = notifier
        self._cache: dict[int, dict[str, Any]] = {{}}

    def fetch(self, item_id: int) -> dict[str, Any]:
        if item_id not in self._cache:
            self._cache[item_id] = self.repository.get(item_id)
        return self._cache[item_id]

    def matches(self, record: dict[str, Any], expression: str) -> bool:
        return bool({rule})

    def bulk_update(self, ids: list[int], **changes: Any) -> int:
        updated = 0
        for item_id in ids:
            record = self.fetch(item_id)
            record.update({{k: v for k, v in changes.items() if k in ("{v["f1"]}", "{v["f2"]}")}})
            self.repository.save(record)
            updated += 1
        if self.notifier is not None and updated:
            self.notifier.send(f"{{updated}} {v["ns"]} updated")
        return updated

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {{}}
        for record in self._cache.values():
            key = str(record.get("{v["f1"]}", "unknown"))
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
'''
    return text.split("\n")


def session_views(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """Flask views touching the session, redirects and HTML output."""
    v = _names(rng, idx)
    target = 'request.args.get("next", "/")' if vulnerable else 'url_for("index")'
    body = '"<h2>" + label + "</h2>"' if vulnerable else '"<h2>" + html.escape(label) + "</h2>"'
    text = f'''

# ---- module: {v["ns"]}/session_views.py ----
@bp_session_{v["i"]}.route("/select")
def select_{v["n"]}():
    choice = request.args.get("id", type=int)
    if choice is None:
        abort(400)
    session["{v["n"]}_id"] = choice
    return redirect({target})


@bp_session_{v["i"]}.route("/label")
def label_{v["n"]}():
    label = request.args.get("label", "")
    return {body}
'''
    lines = text.split("\n")
    lines.insert(3, f'bp_session_{v["i"]} = Blueprint("session_{v["i"]}", __name__)')
    return lines


def pure_helpers(rng: random.Random, idx: int, vulnerable: bool) -> Chunk:
    """Plain data-munging helpers with no security relevance."""
    v = _names(rng, idx)
    text = f'''

# ---- module: {v["ns"]}/helpers.py ----
def paginate_{v["n"]}(items: list[Any], page: int, per_page: int = 20) -> dict[str, Any]:
    page = max(1, page)
    start = (page - 1) * per_page
    chunk = items[start : start + per_page]
    return {{"items": chunk, "page": page, "pages": (len(items) + per_page - 1) // per_page}}


def group_{v["ns"]}_by_{v["f1"]}(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {{}}
    for row in rows:
        groups.setdefault(str(row.get("{v["f1"]}")), []).append(row)
    return groups


def normalise_{v["f2"]}_{v["i"]}(value: str | None) -> str:
    if value is None:
        return ""
    value = " ".join(value.split())
    return value[:1].upper() + value[1:]
'''
    return text.split("\n")


TEMPLATES: list[Callable[[random.Random, int, bool], Chunk]] = [
    flask_routes,
    django_views,
    model_class,
    shell_helpers,
    http_client,
    crypto_helpers,
    config_loader,
    service_class,
    session_views,
    pure_helpers,
    pure_helpers,
    model_class,
]
VULNERABLE_RATE = 1 / 12


def make_file(lines: int, seed: int = 0) -> str:
    """Return a syntactically valid Python module of exactly `lines` lines; same args, same text."""
    out = HEADER.rstrip("\n").split("\n")
    if lines < len(out):
        raise ValueError(f"lines must be at least {len(out)} (the header)")
    rng = random.Random(f"{seed}:{lines}")
    idx = 0
    while True:
        idx += 1
        template = rng.choice(TEMPLATES)
        chunk = template(rng, idx, rng.random() < VULNERABLE_RATE)
        while chunk and chunk[-1] == "":
            chunk.pop()
        if len(out) + len(chunk) > lines:
            break
        out.extend(chunk)
    # Pad with a constant lookup table to hit the exact line count.
    remaining = lines - len(out)
    if remaining >= 4:
        out += ["", "", "RETRY_DELAYS = ["]
        out += [f"    {rng.randint(1, 500) / 10},  # attempt {n}" for n in range(1, remaining - 3)]
        out += ["]"]
    out += [f"ATTEMPT_{len(out)} = {len(out)}" for _ in range(lines - len(out))]
    return "\n".join(out[:lines]) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write bench/work/corpus_<N>.py for each requested size."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, nargs="+", default=[1_000, 10_000], help="sizes (default 1000 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=WORK, help="output folder (default bench/work)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for n in args.lines:
        path = args.out / f"corpus_{n}.py"
        path.write_text(make_file(n, args.seed), encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
