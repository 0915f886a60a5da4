"""Built-in knowledge: where untrusted data comes from, what cleans it, what does not carry it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from threatmark.core.names import as_tuple, glob_regex

_REQ = "*request"
WEB_ATTRS = (
    "args", "form", "values", "json", "data", "headers", "cookies", "files", "stream", "path", "full_path",
    "url", "base_url", "url_root", "host_url", "query_string", "environ", "get_json", "get_data",
    "GET", "POST", "COOKIES", "META", "FILES", "body", "query_params", "path_params", "content", "text",
    "query", "match_info", "referrer", "user_agent", "remote_addr", "authorization", "view_args", "params",
)

SOURCE_ATTRS: dict[str, tuple[str, ...]] = {
    "web": tuple(f"{_REQ}.{a}" for a in WEB_ATTRS) + tuple(f"{_REQ}.{a}.*" for a in WEB_ATTRS)
    + ("bottle.request.*", "tornado.web.RequestHandler.get_argument"),
    "cli": ("sys.argv", "sys.argv[]", "sys.argv.*"),
    "stdin": ("sys.stdin", "sys.stdin.*"),
    "env": ("os.environ", "os.environ.*", "os.environ[]", "os.environb", "os.environb.*"),
}

# The path of the request being served: redirecting to it (post/redirect/get) stays on the site —
# URL routing has matched it — so these sources start out clean for the `url` sanitiser kind.
SITE_PATHS = ("*request.path", "*request.path_info", "*request.full_path", "*request.script_root",
              "*request.url.path")

# In HTTP client code (requests adapters, caches: a file importing an HTTP client library and no web
# framework) `request` is the outgoing request being built, not untrusted input.
WEB_FRAMEWORKS = frozenset({"flask", "quart", "django", "rest_framework", "ninja", "fastapi", "starlette",
                            "bottle", "tornado", "falcon", "pyramid", "sanic", "litestar", "werkzeug",
                            "cherrypy", "webob", "channels", "connexion", "hug", "masonite", "robyn",
                            "blacksheep", "emmett"})
HTTP_CLIENTS = frozenset({"requests", "urllib3", "httpx", "httplib2", "pycurl"})


def is_http_client_code(imported: list[str]) -> bool:
    """True when the imports name an HTTP client library (any dotted segment, so vendored copies
    count) and no web framework."""
    segments = [set(name.split(".")) for name in imported]
    return any(s & HTTP_CLIENTS for s in segments) and not any(s & WEB_FRAMEWORKS for s in segments)


SOURCE_CALLS: dict[str, tuple[str, ...]] = {
    "web": (f"{_REQ}.get_json", f"{_REQ}.get_data", f"{_REQ}.json", f"{_REQ}.form", f"{_REQ}.body",
            "*.get_argument", "*.get_query_argument", "*.get_body_argument"),
    "cli": ("*.parse_args", "*.parse_known_args", "getopt.getopt"),
    "stdin": ("input", "raw_input", "sys.stdin.*", "fileinput.input"),
    "env": ("os.getenv", "os.getenvb", "os.environ.get"),
    "network": ("*.recv", "*.recvfrom", "*.recv_into", "*.recvmsg"),
    "file": ("*.read", "*.readline", "*.readlines", "*.read_text", "*.read_bytes"),
}

SANITIZERS: dict[str, tuple[str, ...]] = {
    "all": ("int", "float", "bool", "len", "abs", "round", "ord", "hash", "id", "uuid.UUID", "decimal.Decimal",
            "ipaddress.ip_address", "datetime.*", "*.hexdigest", "*.digest", "secrets.*", "math.*",
            "isinstance", "hasattr", "callable", "type", "issubclass", "sum", "*.isdigit", "*.isnumeric",
            "django.utils.http.http_date", "email.utils.formatdate", "wsgiref.handlers.format_date_time",
            "mimetypes.guess_type", "mimetypes.guess_extension",  # answers come from a fixed table
            "*.get_session_auth_hash",  # Django: an HMAC of the stored password hash
            "*.isalnum", "*.isalpha", "*.startswith", "*.endswith", "*.count", "*.find", "*.index",
            "bcrypt.*", "hmac.compare_digest", "os.path.exists", "os.path.isfile", "os.path.isdir",
            "*.exists", "*.is_file", "*.is_dir", "*.fullmatch", "re.match", "re.search",
            "django.shortcuts.get_object_or_404", "django.shortcuts.get_list_or_404", "*.objects.get",
            "*.objects.filter", "*.objects.exclude", "*.objects.all", "*.objects.first", "*.objects.last",
            "*.objects.values", "*.objects.values_list", "*.objects.count", "*.objects.exists"),
    "normalized": ("os.path.realpath", "os.path.abspath", "os.path.normpath", "*.resolve", "*.absolute"),
    "sql": ("*.escape_string", "psycopg2.sql.Literal", "psycopg.sql.Literal", "psycopg2.sql.Identifier",
            "psycopg.sql.Identifier", "psycopg2.extensions.adapt", "sqlalchemy.bindparam", "*.quote_identifier"),
    "shell": ("shlex.quote", "pipes.quote", "shlex.join"),
    "html": ("html.escape", "markupsafe.escape", "flask.escape", "jinja2.escape", "cgi.escape", "bleach.clean",
             "django.utils.html.escape", "django.utils.html.conditional_escape", "xml.sax.saxutils.escape",
             "*.escape", "urllib.parse.quote", "urllib.parse.quote_plus", "urllib.parse.urlencode",
             "json.dumps"),
    "path": ("os.path.basename", "posixpath.basename", "ntpath.basename", "werkzeug.utils.secure_filename",
             "werkzeug.secure_filename", "*.secure_filename", "urllib.parse.quote"),
    "url": ("flask.url_for", "*.url_for", "django.urls.reverse", "django.shortcuts.reverse",
            "urllib.parse.quote", "urllib.parse.quote_plus",
            "django.contrib.admin.templatetags.admin_urls.add_preserved_filters"),  # filters go in the query
    "ldap": ("ldap3.utils.conv.escape_filter_chars", "ldap.filter.escape_filter_chars",
             "ldap.filter.filter_format", "ldap.dn.escape_dn_chars", "*.escape_filter_chars", "*.escape_rdn"),
    "log": ("repr", "json.dumps", "urllib.parse.quote", "urllib.parse.quote_plus"),
    "header": ("urllib.parse.quote", "urllib.parse.quote_plus"),
    "regex": ("re.escape",),
    "xpath": (),
    "code": (),
}

# Calls whose result carries no data from their arguments or receiver.
NON_PROPAGATING = ("print", "any", "all", "vars", "dir", "locals", "globals", "*.keys_count",
                   "*.close", "*.commit", "*.rollback", "logging.*", "*.info", "*.debug", "*.warning",
                   "*.error", "*.exception", "*.critical")

# Decorators that make a function a web route handler (all parameters are untrusted).
ROUTE_DECORATORS = ("*.route", "*.get", "*.post", "*.put", "*.delete", "*.patch", "*.api_route",
                    "*.websocket", "*.head", "*.options")
CLI_DECORATORS = ("click.command", "click.option", "click.argument", "*.command", "typer.*")
NOT_UNTRUSTED_DEFAULTS = ("Depends", "fastapi.Depends", "Security", "fastapi.Security")


_UNSET = object()


@dataclass(frozen=True, eq=False)
class Library:
    """Compiled lookup tables, extended with the custom sources/sanitisers of loaded rules."""

    attr_sources: list[tuple[str, re.Pattern[str]]]
    call_sources: list[tuple[str, re.Pattern[str]]]
    sanitizers: list[tuple[str, re.Pattern[str]]]
    source_words: tuple[bytes, ...] | None = None  # a source's text holds one (modulo import aliases)
    non_propagating: re.Pattern[str] = field(default=glob_regex(NON_PROPAGATING))
    site_paths: re.Pattern[str] = field(default=glob_regex(SITE_PATHS))
    _memo: dict[tuple[str, str], object] = field(default_factory=dict)

    def source_of_attr(self, name: str) -> str | None:
        return self._answer("attr", name, lambda n: next((kind for kind, rx in self.attr_sources if rx.match(n)), None))

    def sources_of_call(self, name: str) -> tuple[str, ...]:
        """Every source kind whose call globs match (a call may be a source for several rules)."""
        return self._answer("call", name, lambda n: tuple(dict.fromkeys(
            kind for kind, rx in self.call_sources if rx.match(n))))

    def sanitizer_kinds(self, name: str) -> frozenset[str]:
        return self._answer("clean", name, lambda n: frozenset(kind for kind, rx in self.sanitizers if rx.match(n)))

    def is_site_path(self, name: str) -> bool:
        """The path of the request being served (see SITE_PATHS)."""
        return self._answer("site", name, lambda n: self.site_paths.match(n) is not None)

    def is_non_propagating(self, name: str) -> bool:
        return self._answer("noprop", name, lambda n: self.non_propagating.match(n) is not None)

    def always_clean(self, name: str) -> bool:
        """A library call of this name returns clean data whatever its arguments: a sanitiser for
        every kind (`int`, `len`) or a function whose result carries nothing of them (`print`)."""
        return "all" in self.sanitizer_kinds(name) or self.is_non_propagating(name)

    def _answer(self, question: str, name: str, compute: Callable[[str], Any]) -> Any:
        """The memoised answer to a question about a resolved name (the tables never change)."""
        key = (question, name)
        found = self._memo.get(key, _UNSET)
        if found is _UNSET:
            found = self._memo[key] = compute(name)
        return found


def build_library(custom_sources: list[tuple[str, dict]], custom_sanitizers: list[tuple[str, str]]) -> Library:
    """Compile the built-in tables plus rule-declared sources ({kind, qualname|call}) and sanitisers."""
    attrs = {k: list(v) for k, v in SOURCE_ATTRS.items()}
    calls = {k: list(v) for k, v in SOURCE_CALLS.items()}
    sanitizers = {k: list(v) for k, v in SANITIZERS.items()}
    excluded_web = ("*request.method", "*request.user*", "*request.session*", "*request.is_*")
    for kind, spec in custom_sources:
        attrs.setdefault(kind, []).extend(as_tuple(spec.get("qualname")))
        calls.setdefault(kind, []).extend(as_tuple(spec.get("call")))
    for kind, name in custom_sanitizers:
        sanitizers.setdefault(kind, []).append(name)
    compiled_attrs = [(k, glob_regex(tuple(v))) for k, v in attrs.items() if v]
    words = [_literal_word(g) for globs in (*attrs.values(), *calls.values()) for g in globs]
    exclusion = glob_regex(excluded_web)
    return Library(
        attr_sources=[("", exclusion), *compiled_attrs],
        call_sources=[(k, glob_regex(tuple(v))) for k, v in calls.items() if v],
        sanitizers=[(k, glob_regex(tuple(v))) for k, v in sanitizers.items() if v],
        source_words=None if None in words else _shortest(words),
    )


def _literal_word(glob: str) -> bytes | None:
    """A literal part of a name glob (the `*suffix` one, else the longest: `*request.args` →
    `request`, `os.environ.get` → `environ`): the
    text of any expression the glob matches holds it, unless an import alias stands for it."""
    parts = [part.replace("*", "").replace("[]", "").replace("()", "") for part in glob.split(".")]
    suffixes = [part for raw, part in zip(glob.split("."), parts, strict=True) if raw.startswith("*") and part]
    best = suffixes[0] if suffixes else max(parts, key=len)  # `*request.x` for every x: one word
    return best.encode() if best else None


def _shortest(words: list[bytes | None]) -> tuple[bytes, ...]:
    """The words that hold no other word (a text holding `readline` holds `read`)."""
    unique = sorted({w for w in words if w}, key=len)
    kept: list[bytes] = []
    for word in unique:
        if not any(k in word for k in kept):
            kept.append(word)
    return tuple(kept)
