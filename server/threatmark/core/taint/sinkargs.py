"""Which arguments of a sink call matter, and what formatting does to them."""

from __future__ import annotations

import re

import tree_sitter as ts

from threatmark.core.taint.values import ALL_KINDS, Taint, clean, union

_NUMERIC = "diouxXeEfFgG"
_CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")


def repr_cleaned(spec: dict, args: list[Taint], positional: list[ts.Node], kinds: frozenset[str]) -> list[Taint]:
    """`log.info("name=%r", name)`: with `format_arg` the sink formats the arguments after it with
    that %-string; an argument shown with `%r` / `%a` passes through repr() (cleaned as repr is),
    one shown with a numeric conversion (`%d`, `%i`, `%x`, `%f`...) is clean."""
    at = spec.get("format_arg")
    if at is None or at >= len(positional) or positional[at].type != "string":
        return args
    text = positional[at].text.decode("utf-8", "replace") if positional[at].text else ""
    conversions = [c for c in _CONVERSION.findall(text) if c != "%"]
    cleaned = list(args)
    for offset, conversion in enumerate(conversions):
        slot = at + 1 + offset
        if conversion in "ra" and slot < len(cleaned):
            cleaned[slot] = clean(cleaned[slot], kinds)
        elif conversion in _NUMERIC and slot < len(cleaned):
            cleaned[slot] = clean(cleaned[slot], ALL_KINDS)  # `%d` prints digits (or raises): nothing to inject
    return cleaned


def sink_taint(spec: dict, recv: Taint, args: list[Taint], kwargs: dict[str, Taint]) -> Taint:
    """The taint a sink reads: the arguments, keywords (and receiver) its spec names."""
    indexes = spec.get("args")
    names = spec.get("keywords")
    chosen: list[Taint] = []
    if indexes is None and names is None:
        chosen = args + list(kwargs.values())
    else:
        chosen += [args[i] for i in indexes or () if -len(args) <= i < len(args)]
        chosen += [kwargs[k] for k in names or () if k in kwargs]
    if spec.get("receiver"):
        chosen.append(recv)
    return union(*chosen)
