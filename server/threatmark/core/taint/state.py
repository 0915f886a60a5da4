"""The abstract state at one program point: taint per access path, constants, container shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from threatmark.core.taint.constfold import UNKNOWN
from threatmark.core.taint.values import CLEAN, Taint, union

DICT_SHAPE = -1  # shapes: -1 = dict with tracked constant keys, n >= 0 = list/tuple of known length


@dataclass
class State:
    """Flow-sensitive facts: `env` maps access paths (`x`, `d[k]`, `self.a`) to taint."""

    env: dict[str, Taint] = field(default_factory=dict)
    consts: dict[str, Any] = field(default_factory=dict)
    shapes: dict[str, int] = field(default_factory=dict)
    dead: bool = False  # after return/raise/continue/break

    def copy(self) -> State:
        return State(dict(self.env), dict(self.consts), dict(self.shapes), self.dead)

    def get(self, path: str) -> Taint:
        return self.env.get(path, CLEAN)

    def assign(self, path: str, taint: Taint, const: Any = UNKNOWN) -> None:
        """Strong update of a path: kills everything stored under it."""
        self.kill(path)
        if taint:
            self.env[path] = taint
        if const is not UNKNOWN:
            self.consts[path] = const

    def weak_add(self, path: str, taint: Taint) -> None:
        """Weak update (x.append(v), d[k] = v on the container): union into the existing taint."""
        if taint:
            self.env[path] = union(self.env.get(path, CLEAN), taint)
        self.consts.pop(path, None)

    def kill(self, path: str) -> None:
        env, shapes = self.env, self.shapes
        env.pop(path, None)
        self.consts.pop(path, None)
        if not env and not shapes:
            return  # nothing can be stored under the path (the common case: a clean local)
        shapes.pop(path, None)
        prefixes = (path + ".", path + "[")
        for key in [k for k in env if k.startswith(prefixes)]:
            del env[key]
        for key in [k for k in shapes if k.startswith(prefixes)]:
            del shapes[key]


def merge(states: list[State]) -> State:
    """Join of the states of branches that fall through (dead branches are ignored)."""
    live = [s for s in states if not s.dead]
    if not live:
        out = states[0].copy() if states else State()
        out.dead = True
        return out
    if len(live) == 1:
        return live[0].copy()
    env: dict[str, Taint] = {}
    for state in live:
        for key, taint in state.env.items():
            env[key] = union(env.get(key, CLEAN), taint)
    first = live[0]
    consts = {k: v for k, v in first.consts.items() if all(k in s.consts and s.consts[k] == v for s in live[1:])}
    shapes = {k: v for k, v in first.shapes.items() if all(s.shapes.get(k) == v for s in live[1:])}
    return State(env, consts, shapes)
