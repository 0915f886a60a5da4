"""Settings: defaults, validation, and the precedence of their sources.

Sources, lowest to highest precedence (a layer only overrides the keys it sets; `null` means
"not set"):

1. defaults below;
2. `initializationOptions.settings` (or `initializationOptions` itself when it holds known keys);
3. `workspace/didChangeConfiguration` `settings.threatmark` (clients that push settings);
4. `workspace/configuration` section "threatmark" for the workspace folder;
5. `[tool.threatmark]` of the folder's `pyproject.toml` (snake_case or kebab-case keys).

The project file wins because it is shared by the team and CI; editors such as VS Code answer
`workspace/configuration` with every default filled in, which would otherwise hide it.
Invalid values are reported (`Settings.problems`) and replaced by the lower layer's value.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from threatmark.model import Severity

RUN_MODES = ("onType", "onSave")
_SEVERITIES = tuple(s.label for s in Severity)


@dataclass(frozen=True)
class LlmSettings:
    enabled: bool = False
    endpoint: str | None = None
    model: str | None = None
    api_key_env: str = "OPENAI_API_KEY"


@dataclass(frozen=True)
class Settings:
    """Effective settings of one workspace folder."""

    run: str = "onType"
    debounce_ms: int = 150
    min_severity: Severity = Severity.LOW
    rule_folders: tuple[str, ...] = ()
    threat_model_path: str = "threatmodel.yaml"
    llm: LlmSettings = field(default_factory=LlmSettings)
    problems: tuple[str, ...] = field(default=(), compare=False)

    def rule_dirs(self, root: Path | None) -> tuple[str, ...]:
        """Rule folders as absolute paths (relative ones are taken from the folder root, and
        ignored for documents outside every workspace folder)."""
        paths = (_absolute(folder, root) for folder in self.rule_folders)
        return tuple(str(path) for path in paths if path.is_absolute())

    def threat_model_file(self, root: Path | None) -> Path | None:
        path = _absolute(self.threat_model_path, root)
        return path if path.is_absolute() else None


def _absolute(value: str, root: Path | None) -> Path:
    path = Path(value).expanduser()
    if not path.is_absolute() and root is not None:
        path = root / path
    return path


def _snake(key: str) -> str:
    """`minSeverity`, `min-severity`, `min_severity` → `min_severity`."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).replace("-", "_").lower()


def _choice(value: Any, allowed: tuple[str, ...], what: str) -> str:
    for option in allowed:
        if isinstance(value, str) and value.strip().lower() == option.lower():
            return option
    raise ValueError(f"`{what}` must be one of {', '.join(allowed)}; got {value!r}")


def _int(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(f"`{what}` must be a number of milliseconds from {low} to {high}; got {value!r}")
    return int(value)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"`{what}` must be a non-empty string; got {value!r}")
    return value.strip()


def _folders(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"`{what}` must be a list of folder paths; got {value!r}")
    return tuple(v.strip() for v in value if v.strip())


def _bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"`{what}` must be true or false; got {value!r}")
    return value


_FIELDS = {
    "run": lambda v: _choice(v, RUN_MODES, "run"),
    "debounce_ms": lambda v: _int(v, "debounceMs", 0, 10_000),
    "min_severity": lambda v: Severity.parse(_choice(v, _SEVERITIES, "minSeverity")),
    "rule_folders": lambda v: _folders(v, "ruleFolders"),
    "threat_model_path": lambda v: _text(v, "threatModelPath"),
}
_LLM_FIELDS = {
    "enabled": lambda v: _bool(v, "llm.enabled"),
    "endpoint": lambda v: _text(v, "llm.endpoint"),
    "model": lambda v: _text(v, "llm.model"),
    "api_key_env": lambda v: _text(v, "llm.apiKeyEnv"),
}


def overlay(base: Settings, layer: Any, origin: str) -> Settings:
    """`base` with the valid keys of one settings layer applied; problems are collected."""
    if layer is None:
        return base
    if not isinstance(layer, dict):
        return replace(base, problems=(*base.problems, f"{origin}: settings must be an object; got {layer!r}"))
    problems = list(base.problems)
    changes: dict[str, Any] = {}
    for key, value in layer.items():
        name = _snake(str(key))
        if value is None:
            continue
        if name == "llm":
            changes["llm"] = _overlay_llm(base.llm, value, origin, problems)
        elif name in _FIELDS:
            try:
                changes[name] = _FIELDS[name](value)
            except ValueError as exc:
                problems.append(f"{origin}: {exc}; keeping {_shown(getattr(base, name))}")
        else:
            problems.append(f"{origin}: unknown setting `{key}` (ignored)")
    return replace(base, **changes, problems=tuple(problems))


def _overlay_llm(base: LlmSettings, value: Any, origin: str, problems: list[str]) -> LlmSettings:
    if not isinstance(value, dict):
        problems.append(f"{origin}: `llm` must be an object; got {value!r}")
        return base
    changes: dict[str, Any] = {}
    for key, item in value.items():
        name = _snake(str(key))
        if item is None:
            continue
        if name not in _LLM_FIELDS:
            problems.append(f"{origin}: unknown setting `llm.{key}` (ignored)")
            continue
        try:
            changes[name] = _LLM_FIELDS[name](item)
        except ValueError as exc:
            problems.append(f"{origin}: {exc}; keeping {_shown(getattr(base, name))}")
    return replace(base, **changes)


def _shown(value: Any) -> str:
    if isinstance(value, Severity):
        return repr(value.label)
    return repr(list(value)) if isinstance(value, tuple) else repr(value)


def client_layer(options: Any) -> Any:
    """The settings object inside `initializationOptions` (`{settings: {...}}` or flat)."""
    if isinstance(options, dict):
        if "settings" in options:
            settings = options["settings"]
            return settings.get("threatmark", settings) if isinstance(settings, dict) else settings
        if "threatmark" in options:
            return options["threatmark"]
        if any(_snake(k) in _FIELDS or k == "llm" for k in options):
            return options
    return None


def read_pyproject(root: Path | None) -> tuple[dict[str, Any] | None, str | None]:
    """`[tool.threatmark]` of `root/pyproject.toml`: (table or None, problem or None)."""
    if root is None:
        return None, None
    path = root / "pyproject.toml"
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return None, None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return None, f"{path}: cannot read [tool.threatmark] ({exc}); ignoring it"
    table = data.get("tool", {}).get("threatmark")
    if table is not None and not isinstance(table, dict):
        return None, f"{path}: [tool.threatmark] must be a table"
    return table, None


def effective(layers: list[tuple[str, Any]], root: Path | None) -> Settings:
    """Settings for a folder: the client layers in order, then the folder's pyproject.toml."""
    settings = Settings()
    for origin, layer in layers:
        settings = overlay(settings, layer, origin)
    table, problem = read_pyproject(root)
    if problem:
        settings = replace(settings, problems=(*settings.problems, problem))
    if table and root is not None:
        settings = overlay(settings, table, f"{root / 'pyproject.toml'} [tool.threatmark]")
    return settings
