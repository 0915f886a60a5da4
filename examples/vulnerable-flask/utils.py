"""Helpers for the notes app: hashing, tokens, shell tools, outbound HTTP, XML, LDAP.

DELIBERATELY VULNERABLE: this file is test data for security scanners.
"""

import hashlib
import html
import os
import random
import secrets
import shlex
import subprocess
import tempfile

import jwt
import ldap
import requests
from lxml import etree

import config


def hash_password(password):
    # Weak hash for passwords (CWE-328 / CWE-916).
    return hashlib.md5(password.encode()).hexdigest()


def hash_password_safe(password, salt):
    # SAFE: a slow, salted key-derivation function.
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000).hex()


def file_checksum(data):
    # SAFE: md5 explicitly not used for security.
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def make_reset_token():
    # Predictable token from the non-cryptographic PRNG (CWE-338).
    return "".join(random.choice("abcdef0123456789") for _ in range(32))


def make_session_token():
    # SAFE: cryptographically secure token.
    return secrets.token_hex(32)


def ping(host):
    # OS command injection via os.system (CWE-78).
    return os.system("ping -c 1 " + host)


def lookup(domain):
    # OS command injection via subprocess with shell=True (CWE-78).
    return subprocess.check_output(f"nslookup {domain}", shell=True)


def ping_safe(host):
    # SAFE: argument quoted with shlex.quote.
    return os.system("ping -c 1 " + shlex.quote(host))


def lookup_safe(domain):
    # SAFE: argument list, no shell.
    return subprocess.run(["nslookup", domain], capture_output=True, check=False).stdout


def disk_usage():
    # SAFE: constant command.
    return subprocess.check_output("df -h /", shell=True)


def export_path():
    # Insecure temporary file (CWE-377).
    return tempfile.mktemp(suffix=".csv")


def export_file():
    # SAFE: mkstemp creates the file atomically.
    fd, path = tempfile.mkstemp(suffix=".csv")
    return os.fdopen(fd, "w"), path


def fetch_preview(url):
    # SSRF: server fetches a user-chosen URL (CWE-918).
    return requests.get(url, timeout=5).text[:500]


def fetch_status():
    # TLS verification disabled (CWE-295).
    return requests.get("https://status.example.internal/health", verify=False, timeout=5).json()


def decode_token(token):
    # JWT signature not verified (CWE-347).
    return jwt.decode(token, options={"verify_signature": False})


def decode_token_safe(token):
    # SAFE: signature verified with a pinned algorithm.
    return jwt.decode(token, config.SECRET_KEY, algorithms=["HS256"])


def parse_import(xml_bytes):
    # XXE: lxml parser resolves external entities (CWE-611).
    return etree.fromstring(xml_bytes)


def parse_import_safe(xml_bytes):
    # SAFE: entity resolution and network access disabled.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(xml_bytes, parser)


def find_directory_user(username):
    # LDAP injection: filter built from input (CWE-90).
    conn = ldap.initialize(config.LDAP_URL)
    return conn.search_s(config.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + username + ")")


def find_setting(doc, name):
    # XPath injection: expression built from input (CWE-643).
    return doc.xpath("//setting[@name='%s']/text()" % name)


def find_setting_safe(doc, name):
    # SAFE: XPath variable binding.
    return doc.xpath("//setting[@name=$n]/text()", n=name)


def greeting_html(name):
    # SAFE: escaped before being put into HTML.
    return "<p>Hello, " + html.escape(name) + "</p>"
