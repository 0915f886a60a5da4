"""Where a value lands in a URL being built: after a fixed path or host, or in the query string or
fragment, it cannot choose where a redirect or a server-side request goes.

`"/profile/" + tab`, `f"/items/?page={n}"`, `url_for("search") + "?q=" + q` and
`"%s?%s" % (path, query)` keep the target on the site for the parts after the fixed text; the
evaluator marks those parts clean for the `url` sanitiser kind (the kind the open-redirect and
SSRF rules accept). A lone "/" does not fix the host (`"/" + "/evil.example"` is `//evil.example`),
nor does `"https://host"` without the slash after the host.
"""

from __future__ import annotations

import re

import tree_sitter as ts

from threatmark.core.fields import F_LEFT, F_OPERATOR, F_RIGHT

URL_KIND = frozenset({"url"})
_HOST_FIXED = re.compile(r"(/[^/\\]|https?://[^/\\\s?#]+/)")
_TAIL = re.compile(r"[?#]")
_QUOTE = re.compile(rb"^[rRbBuUfF]*(\"\"\"|'''|\"|')")
_SPEC = re.compile(r"%(\([^)]*\))?[#0\- +]*(\*|\d+)?(\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")

Part = tuple[ts.Node, bool]  # an operand and whether it lands where it cannot choose the target


def url_parts(node: ts.Node) -> list[Part] | None:
    """The operands of a string being built, each with its fixed flag; None when the node is not
    such a string or no operand is fixed (the caller then evaluates it as usual)."""
    if node.type == "string":
        parts = _fstring_parts(node)
    elif node.type == "binary_operator":
        operator = node.child_by_field_id(F_OPERATOR)
        op = operator.type if operator is not None else ""
        parts = _concat_parts(node) if op == "+" else _percent_parts(node) if op == "%" else None
    else:
        return None
    return parts if parts and any(fixed for _, fixed in parts) else None


def _literal(node: ts.Node) -> str | None:
    """The content of a plain (non-f) string literal, or None."""
    if node.type != "string" or any(child.type == "interpolation" for child in node.children):
        return None
    text = node.text or b""
    quote = _QUOTE.match(text)
    if quote is None or b"f" in quote.group(0).lower():
        return None
    body = text[quote.end():]
    return body[: len(body) - len(quote.group(1))].decode("utf-8", "replace")


def _fixes(literal_before: str, at_start: bool) -> bool:
    """True when what follows the literal text cannot change the URL's scheme or host."""
    return bool(_TAIL.search(literal_before)) or (at_start and _HOST_FIXED.match(literal_before) is not None)


def _fstring_parts(node: ts.Node) -> list[Part] | None:
    if not any(child.type == "interpolation" for child in node.children):
        return None
    seen, fixed, parts = "", False, []
    for child in node.children:
        if child.type == "string_content":
            seen += (child.text or b"").decode("utf-8", "replace")
        elif child.type == "interpolation":
            fixed = fixed or _fixes(seen, at_start=not parts)
            parts.append((child, fixed))
    return parts


def _concat_parts(node: ts.Node) -> list[Part]:
    operands: list[ts.Node] = []
    current: ts.Node | None = node
    while current is not None and current.type == "binary_operator" and _op(current) == "+":
        right = current.child_by_field_id(F_RIGHT)
        if right is not None:
            operands.append(right)
        current = current.child_by_field_id(F_LEFT)
    if current is not None:
        operands.append(current)
    operands.reverse()
    parts: list[Part] = []
    seen, fixed, leading = "", False, True  # leading: only literals so far
    for operand in operands:
        parts.append((operand, fixed))
        literal = _literal(operand)
        if literal is None:
            leading = False
            continue
        seen += literal
        fixed = fixed or _fixes(literal, at_start=False) or (leading and _fixes(seen, at_start=True))
    return parts


def _percent_parts(node: ts.Node) -> list[Part] | None:
    template = _literal(node.child_by_field_id(F_LEFT)) if node.child_by_field_id(F_LEFT) else None
    right = node.child_by_field_id(F_RIGHT)
    if template is None or right is None:
        return None
    specs = [m for m in _SPEC.finditer(template) if m.group(5) != "%"]
    if any(m.group(1) for m in specs):
        return None  # %(name)s with a mapping: not positional
    values = right.named_children if right.type == "tuple" else [right]
    if len(values) != len(specs):
        return None
    return [(value, _fixes(template[: spec.start()], True)) for value, spec in zip(values, specs, strict=True)]


def _op(node: ts.Node) -> str:
    operator = node.child_by_field_id(F_OPERATOR)
    return operator.type if operator is not None else ""
