"""The `threatmark` command line: scan, serve, rules, threat-model. Exit codes: 0 clean, 1 findings, 2 error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from threatmark import __version__
from threatmark.cli import llm_cmd, threat_cmd
from threatmark.model import Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; say so clearly
        self.print_usage(sys.stderr)
        sys.stderr.write(f"threatmark: error: {message}\n")
        raise SystemExit(EXIT_ERROR)


def _severity(text: str) -> Severity:
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="threatmark", description="Security analysis for Python: CLI and language server.")
    parser.add_argument("--version", action="version", version=f"threatmark {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    scan = commands.add_parser("scan", help="scan files or folders and report findings")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    scan.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of stdout")
    scan.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule folder (repeatable)")
    scan.add_argument("--no-builtin-rules", action="store_true", help="use only the --rules folders")
    scan.add_argument("--min-severity", type=_severity, default=Severity.LOW, metavar="LEVEL",
                      help="report findings at or above: info, low, medium, high, critical (default low)")
    scan.add_argument("--show-suppressed", action="store_true", help="also list suppressed findings")
    scan.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: all cores)")
    scan.add_argument("--no-progress", action="store_true", help="never draw the progress bar")
    threat_cmd.add_scan_options(scan)
    llm_cmd.add_scan_arguments(scan)

    serve = commands.add_parser("serve", help="run the language server (stdio by default)")
    serve.add_argument("--stdio", action="store_true", help="speak LSP over stdin/stdout (default)")
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP address instead")
    serve.add_argument("--log-level", default="INFO", help="stderr log level (DEBUG, INFO, WARNING)")

    rules = commands.add_parser("rules", help="list, validate or test rules")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True, parser_class=_Parser)
    for name, text in (("test", "run every rule's fixture and compare expected vs found"),
                       ("list", "list the loaded rules"), ("validate", "check rule files and report errors")):
        sub = rule_commands.add_parser(name, help=text)
        sub.add_argument("--rules", action="append", default=[], metavar="DIR")
        sub.add_argument("--no-builtin-rules", action="store_true")
        if name == "test":
            sub.add_argument("ids", nargs="*", metavar="RULE_ID")
    llm_cmd.add_commands(commands)
    threat_cmd.add_parser(commands, _Parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "scan": _run_scan, "serve": _run_serve, "rules": _run_rules, "llm": llm_cmd.run_llm,
        "threat-model": threat_cmd.run}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        sys.stderr.write("threatmark: interrupted\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR


def _run_scan(args: argparse.Namespace) -> int:
    from threatmark.cli.commands import run_scan

    return run_scan(args)


def _run_serve(args: argparse.Namespace) -> int:
    from threatmark.lsp.server import run

    return run(args)


def _run_rules(args: argparse.Namespace) -> int:
    from threatmark.cli.commands import run_rules

    return run_rules(args)
