"""Settings validation and precedence (unit tests, no server)."""

from __future__ import annotations

from threatmark.lsp.settings import Settings, client_layer, effective, overlay
from threatmark.model import Severity


def test_defaults():
    s = Settings()
    assert (s.run, s.debounce_ms, s.min_severity, s.rule_folders, s.threat_model_path) == (
        "onType", 150, Severity.LOW, (), "threatmodel.yaml")
    assert s.llm.enabled is False and s.llm.api_key_env == "OPENAI_API_KEY"


def test_camel_snake_and_kebab_keys():
    s = overlay(Settings(), {"minSeverity": "High", "debounce-ms": 40, "rule_folders": ["r"],
                             "llm": {"apiKeyEnv": "K", "enabled": True}}, "test")
    assert (s.min_severity, s.debounce_ms, s.rule_folders, s.llm.api_key_env, s.llm.enabled) == (
        Severity.HIGH, 40, ("r",), "K", True)
    assert s.problems == ()


def test_invalid_values_keep_the_lower_layer_and_are_reported():
    s = overlay(Settings(), {"run": "sometimes", "minSeverity": "severe", "debounceMs": -3, "ruleFolders": 7,
                             "llm": {"enabled": "yes"}, "colour": "red"}, "editor")
    assert s == Settings()
    text = "\n".join(s.problems)
    for needle in ("`run` must be one of onType, onSave", "`minSeverity` must be one of", "`debounceMs`",
                   "`ruleFolders`", "`llm.enabled`", "unknown setting `colour`"):
        assert needle in text
    assert all(p.startswith("editor: ") for p in s.problems)


def test_null_means_not_set():
    base = overlay(Settings(), {"minSeverity": "medium"}, "a")
    assert overlay(base, {"minSeverity": None, "threatModelPath": None, "llm": {"endpoint": None}}, "b") == base


def test_initialization_options_shapes():
    assert client_layer({"settings": {"run": "onSave"}}) == {"run": "onSave"}
    assert client_layer({"settings": {"threatmark": {"run": "onSave"}}}) == {"run": "onSave"}
    assert client_layer({"threatmark": {"run": "onSave"}}) == {"run": "onSave"}
    assert client_layer({"minSeverity": "high"}) == {"minSeverity": "high"}
    assert client_layer({"python": {}}) is None
    assert client_layer(None) is None


def test_precedence_pyproject_wins_over_client_layers(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.threatmark]\nmin-severity = "critical"\nrule_folders = ["r"]\n')
    layers = [("initializationOptions", {"minSeverity": "high", "run": "onSave", "debounceMs": 10}),
              ("workspace/didChangeConfiguration", {"debounceMs": 20}),
              ("workspace/configuration", {"debounceMs": 30, "minSeverity": "medium"})]
    s = effective(layers, tmp_path)
    assert (s.min_severity, s.run, s.debounce_ms) == (Severity.CRITICAL, "onSave", 30)
    assert s.rule_dirs(tmp_path) == (str(tmp_path / "r"),)
    assert s.threat_model_file(tmp_path) == tmp_path / "threatmodel.yaml"


def test_broken_pyproject_is_reported_not_fatal(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.threatmark\nrun = 'x'\n")
    s = effective([], tmp_path)
    assert s.run == "onType"
    assert "cannot read [tool.threatmark]" in s.problems[0]
