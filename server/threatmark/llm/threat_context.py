"""The threat-model excerpt for each unit, from whatever threat model the host has loaded.

Duck-typed on purpose (the llm layer does not import the threat layer): anything with
`excerpt(path, function, source) -> str` (a `ThreatModel`) or a `.model` that has it (a
`ThreatRanker`) works. Excerpts are computed once per unit name and file text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from threatmark.llm.units import Unit
from threatmark.model import SourceFile

log = logging.getLogger("threatmark.llm")


def excerpt_for(threat: object | None, source: SourceFile) -> Callable[[Unit], str] | str:
    """A per-unit excerpt function for `Reviewer.review`, or "" when there is no usable model."""
    model = getattr(threat, "model", threat)
    if model is None or not callable(getattr(model, "excerpt", None)) or getattr(model, "exists", True) is False:
        return ""
    memo: dict[str | None, str] = {}

    def for_unit(unit: Unit) -> str:
        function = unit.name if unit.kind == "function" else None
        if function not in memo:
            try:
                memo[function] = str(model.excerpt(source.path, function, source.text))
            except Exception:  # a threat-model bug must not stop the review
                log.exception("threat-model excerpt failed for %s in %s", unit.label(), source.path)
                memo[function] = ""
        return memo[function]

    return for_unit
