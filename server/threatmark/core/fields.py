"""Field ids of the Python grammar, for `node.child_by_field_id(F_NAME)`: about half the cost of
`child_by_field_name("name")`, which looks the name up on every call (the core asks some 20,000
times per 10,000-line file)."""

from __future__ import annotations

from threatmark.core.parse import language


def _field(name: str) -> int:
    found = language("python").field_id_for_name(name)
    if found is None:
        raise RuntimeError(f"the Python grammar has no field {name!r}")
    return found


F_ALIAS = _field("alias")
F_ALTERNATIVE = _field("alternative")
F_ARGUMENT = _field("argument")
F_ARGUMENTS = _field("arguments")
F_ATTRIBUTE = _field("attribute")
F_BODY = _field("body")
F_CONDITION = _field("condition")
F_CONSEQUENCE = _field("consequence")
F_DEFINITION = _field("definition")
F_FUNCTION = _field("function")
F_KEY = _field("key")
F_LEFT = _field("left")
F_MODULE_NAME = _field("module_name")
F_NAME = _field("name")
F_OBJECT = _field("object")
F_OPERATOR = _field("operator")
F_PARAMETERS = _field("parameters")
F_RIGHT = _field("right")
F_SUBJECT = _field("subject")
F_SUBSCRIPT = _field("subscript")
F_SUPERCLASSES = _field("superclasses")
F_TYPE = _field("type")
F_VALUE = _field("value")
