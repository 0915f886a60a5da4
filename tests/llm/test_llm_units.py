"""Splitting files into review units and deciding what counts as a change."""

from __future__ import annotations

import textwrap

from threatmark.core.parse import parse
from threatmark.llm.units import MODULE, callee_signatures, split_units, unit_at
from threatmark.model import SourceFile

CODE = textwrap.dedent('''
    """Doc."""
    import os
    from x import y

    LIMIT = int(os.environ.get("LIMIT", "10"))


    def helper(a: int, *, b: str = "x") -> str:
        def inner():
            return a
        return inner() + b


    @decorate("z")
    async def view(request):
        # a comment
        return helper(request.n, b="q")


    class Store(Base):
        kind = "s"

        def get(self, key):
            return self.helper(key)

        @staticmethod
        def put(key, value):
            pass
''')


def units_of(text: str):
    return split_units(parse(SourceFile("m.py", text)))


def test_functions_methods_and_module_code() -> None:
    units = units_of(CODE)
    assert [(u.name, u.kind) for u in units] == [
        ("helper", "function"), ("view", "function"), ("Store.get", "function"), ("Store.put", "function"),
        (MODULE, "module")]
    helper, view, _get, put, module = units
    assert "def inner" in helper.text  # nested functions stay in their parent
    assert view.text.startswith('@decorate("z")') and view.signature == '@decorate("z") async def view(request)'
    assert helper.signature == 'def helper(a: int, *, b: str = "x") -> str'
    assert put.signature == "@staticmethod def put(key, value)"
    assert "LIMIT = int" in module.text and "class Store(Base):" in module.text and "def helper" not in module.text
    assert not set(module.lines) & {line for u in units[:-1] for line in u.lines}
    assert callee_signatures(view, units) == [helper.signature]
    assert unit_at(units, view.lines[-1]) is view and unit_at(units, module.lines[2]) is module


def test_imports_only_module_is_not_a_unit() -> None:
    units = units_of('"""Doc."""\nimport os\nfrom a import b\n\n\ndef f():\n    return os.sep\n')
    assert [u.name for u in units] == ["f"]


def test_digest_ignores_comments_blank_lines_trailing_space_and_indentation() -> None:
    base = units_of(CODE)
    noisy = CODE.replace("        # a comment\n", "        # another comment\n\n   \n").replace(
        "return inner() + b", "return inner() + b   # trailing")
    assert [u.digest for u in units_of(noisy)] == [u.digest for u in base]
    as_method = units_of("class Other:\n" + textwrap.indent(CODE[CODE.index("def helper"):CODE.index("@decorate")],
                                                            "    "))
    assert as_method[0].name == "Other.helper" and as_method[0].digest == base[0].digest
    changed = units_of(CODE.replace('b="q"', 'b="r"'))
    assert [u.digest == b.digest for u, b in zip(changed, base, strict=True)] == [True, False, True, True, True]


def test_hash_in_strings_is_not_a_comment() -> None:
    a = units_of('def f():\n    return "#1"\n')[0]
    b = units_of('def f():\n    return "#2"\n')[0]
    assert a.digest != b.digest
