"""`through-local` conditions see the one value a local name is bound to, and nothing looser."""

from __future__ import annotations

import textwrap

import pytest
from threatmark.core.localvalue import single_value
from threatmark.core.parse import parse
from threatmark.model import SourceFile


def _value_at_use(code: str) -> str | None:
    """The bound value's text for the last `use(iv)` in the code, or None."""
    parsed = parse(SourceFile("c.py", textwrap.dedent(code)))
    at = parsed.data.rindex(b"use(iv)") + len(b"use(")
    name = parsed.tree.root_node.descendant_for_byte_range(at, at + 2)
    found = single_value(name)
    return found.text.decode() if found is not None else None


@pytest.mark.parametrize(("code", "expected"), [
    ("def f():\n    iv = b'k' * 16\n    use(iv)\n", "b'k' * 16"),
    ("IV = 1\niv = b'abc'\nuse(iv)\n", "b'abc'"),
    ("def f(iv):\n    use(iv)\n", None),  # a parameter
    ("def f():\n    iv = b'a'\n    iv = new()\n    use(iv)\n", None),  # rebound
    ("def f():\n    use(iv)\n    iv = b'a'\n", None),  # bound after the use
    ("def f():\n    for iv in ivs:\n        use(iv)\n", None),  # loop target
    ("def f():\n    iv = b'a'\n    iv += b'b'\n    use(iv)\n", None),  # augmented
    ("def f():\n    global iv\n    iv = b'a'\n    use(iv)\n", None),  # global
    ("def f():\n    iv = b'a'\n    with open(p) as iv:\n        use(iv)\n", None),  # with target
    ("def f():\n    iv = b'a'\n    def g():\n        use(iv)\n", None),  # a nested scope reads it
    ("def f():\n    use(iv)\n", None),  # never bound here
])
def test_single_value(code: str, expected: str | None) -> None:
    assert _value_at_use(code) == expected
