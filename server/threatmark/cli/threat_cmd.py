"""`threatmark threat-model init|check|schema` and the threat-model options of `scan`.

Exit codes: 0 fine, 1 gaps or errors found (check), 2 usage error (missing file, refusing to
overwrite).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from threatmark.model import Problem

if TYPE_CHECKING:
    from threatmark.threat import ThreatRanker

DEFAULT_FILENAME = "threatmodel.yaml"  # threatmark.threat is imported on use: keep `threatmark serve` start-up fast

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def add_scan_options(scan: argparse.ArgumentParser) -> None:
    """`scan --threat-model FILE` / `--no-threat-model`."""
    scan.add_argument("--threat-model", metavar="FILE",
                      help=f"threat model to rank findings with (default: {DEFAULT_FILENAME} in the scanned folder "
                           "or the current directory, if present)")
    scan.add_argument("--no-threat-model", action="store_true", help="ignore any threat model")


def add_parser(commands: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    """The `threat-model` command and its subcommands."""
    tm = commands.add_parser("threat-model", help=f"draft, check or describe {DEFAULT_FILENAME}")
    sub = tm.add_subparsers(dest="threat_command", required=True, parser_class=parser_class)
    init = sub.add_parser("init", help=f"draft {DEFAULT_FILENAME} from the code (never overwrites)")
    init.add_argument("path", nargs="?", default=".", metavar="PATH", help="project folder (default: .)")
    init.add_argument("--output", "-o", metavar="FILE",
                      help=f"where to write (default: PATH/{DEFAULT_FILENAME}; '-' for stdout)")
    check = sub.add_parser("check", help="validate the threat model and list code it does not cover")
    check.add_argument("path", nargs="?", default=".", metavar="PATH",
                       help=f"project folder, or the threat-model file itself (default: ./{DEFAULT_FILENAME})")
    check.add_argument("--threat-model", metavar="FILE", help="the threat-model file (default: PATH/" +
                       DEFAULT_FILENAME + ")")
    check.add_argument("--strict", action="store_true", help="also fail on warnings (TODOs, stale entries)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    show = sub.add_parser("schema", help="print the JSON schema of the file format")
    show.add_argument("--path", action="store_true", help="print the schema file's location instead")


def scan_threat_model(args: argparse.Namespace) -> tuple[ThreatRanker | None, list[Problem], bool]:
    """(ranker or None, load problems to report, failed): the model for `scan`."""
    from threatmark.threat import ThreatRanker, find_threat_model, load_threat_model

    if getattr(args, "no_threat_model", False):
        return None, [], False
    if args.threat_model:
        path = Path(args.threat_model)
        if not path.is_file():
            sys.stderr.write(f"threatmark: error: threat model {args.threat_model} does not exist\n")
            return None, [], True
    else:
        folders = [p for p in args.paths if Path(p).is_dir()]
        found = find_threat_model([*folders, Path.cwd()])
        if found is None:
            return None, [], False
        path = Path(_display(found))
        if args.format == "text":
            sys.stderr.write(f"threatmark: using threat model {path}\n")
    ranker = ThreatRanker(load_threat_model(path))
    return ranker, list(ranker.problems), False


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def run(args: argparse.Namespace) -> int:
    return {"init": _init, "check": _check, "schema": _schema}[args.threat_command](args)


def _schema(args: argparse.Namespace) -> int:
    from threatmark.threat import SCHEMA_PATH, schema

    sys.stdout.write(f"{SCHEMA_PATH}\n" if args.path else json.dumps(schema(), indent=2) + "\n")
    return EXIT_CLEAN


def _init(args: argparse.Namespace) -> int:
    from threatmark.threat.draft import draft_threat_model
    from threatmark.threat.inventory import scan_project

    root = Path(args.path)
    if not root.is_dir():
        sys.stderr.write(f"threatmark: error: {args.path} is not a folder\n")
        return EXIT_ERROR
    output = args.output or str(root / DEFAULT_FILENAME)
    if output != "-" and Path(output).exists():
        sys.stderr.write(f"threatmark: error: {output} already exists; not overwriting it. Edit it, check it with "
                         "`threatmark threat-model check`, or draft elsewhere with --output FILE (or - for stdout)\n")
        return EXIT_ERROR
    inventory = scan_project(root)
    text = draft_threat_model(inventory, Path(root).resolve().name)
    if output == "-":
        sys.stdout.write(text)
        return EXIT_CLEAN
    try:
        with open(output, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    except OSError as exc:
        sys.stderr.write(f"threatmark: error: cannot write {output}: {exc.strerror or exc}\n")
        return EXIT_ERROR
    routes = sum(1 for f in inventory.facts if f.kind == "route")
    todos = text.count("# TODO:")
    sys.stdout.write(f"wrote {output}: {routes} route(s), {len(inventory.of('cli'))} command-line entry point(s), "
                     f"{len(inventory.of('table'))} table(s) from {len(inventory.files)} file(s); "
                     f"{todos} TODO(s) to decide\n")
    return EXIT_CLEAN


def _check(args: argparse.Namespace) -> int:
    from threatmark.threat import load_threat_model
    from threatmark.threat.check import check_threat_model
    from threatmark.threat.inventory import scan_project

    target = Path(args.threat_model or args.path)
    model_path = target / DEFAULT_FILENAME if target.is_dir() else target
    if not model_path.is_file():
        sys.stderr.write(f"threatmark: error: no threat model at {model_path}; draft one with "
                         "`threatmark threat-model init`\n")
        return EXIT_ERROR
    root = Path(args.path) if args.threat_model and Path(args.path).is_dir() else model_path.parent
    model = load_threat_model(model_path)
    items = check_threat_model(model, scan_project(root))
    counts = {level: sum(1 for i in items if i.level == level) for level in ("error", "warning", "gap")}
    if args.format == "json":
        sys.stdout.write(json.dumps({"threat_model": str(model_path), "digest": model.digest, "counts": counts,
                                     "items": [{"level": i.level, "path": i.path, "line": None if i.line is None
                                                else i.line + 1, "field": i.field, "message": i.message}
                                               for i in items]}, indent=2) + "\n")
    else:
        for item in items:
            shown = item if item.level != "gap" else replace(item, path=_display(root / item.path))
            sys.stdout.write(f"{shown}\n")
        sys.stdout.write(f"{model_path}: {counts['error']} error(s), {counts['gap']} gap(s), "
                         f"{counts['warning']} warning(s); {len(model.entry_points)} entry point(s), "
                         f"{len(model.assets)} asset(s)\n")
    failed = counts["error"] or counts["gap"] or (args.strict and counts["warning"])
    return EXIT_FINDINGS if failed else EXIT_CLEAN
