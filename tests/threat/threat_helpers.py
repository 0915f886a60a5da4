"""Helpers for the threat-model tests: a rule set that does not depend on the built-in pack
(written in parallel), analysis of a snippet under a threat model, and the CLI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from threatmark.engine import Engine
from threatmark.model import Analysis, SourceFile
from threatmark.threat import ThreatRanker, parse_threat_model

HERE = Path(__file__).parent
RULES = HERE / "rules"
DATA = HERE / "data"

LOGIN_APP = '''\
import hashlib
from flask import Flask, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    password = request.form["password"]
    digest = hashlib.md5(password.encode()).hexdigest()
    return digest


def checksum(data):
    return hashlib.md5(data).hexdigest()
'''


def make_engine() -> Engine:
    return Engine.create((str(RULES),), builtin=False)


def analyse(engine: Engine, source: str, model_yaml: str | None, root: Path, path: str = "app.py",
            **ranker: object) -> tuple[Analysis, ThreatRanker | None]:
    """Analyse `source` as `root/path` under the threat model text (None: no threat model)."""
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(source)
    threat = None
    if model_yaml is not None:
        model = parse_threat_model(textwrap.dedent(model_yaml), str(root / "threatmodel.yaml"))
        threat = ThreatRanker(model, **ranker)  # type: ignore[arg-type]
    return engine.analyze(SourceFile(str(file), source), threat=threat), threat


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "threatmark", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)
