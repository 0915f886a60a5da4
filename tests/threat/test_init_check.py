"""`threat-model init` drafts a valid model covering every route of sample Flask, Django and
FastAPI apps, never overwrites, and `check` reports what the model does not cover."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from threat_helpers import DATA, run_cli
from threatmark.threat import load_threat_model, schema
from threatmark.threat.check import check_threat_model
from threatmark.threat.inventory import scan_project

EXPECTED_ROUTES = {
    "flask_app": {"/login", "/notes/<int:note_id>", "/admin/users"},
    "fastapi_app": {"/health", "/items/{item_id}", "/items/"},
    "django_app": {"/admin/", "/shop/customers/<int:pk>/", "/shop/orders/", "/shop/search/"},
}


@pytest.fixture(params=sorted(EXPECTED_ROUTES))
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    target = tmp_path / request.param
    shutil.copytree(DATA / request.param, target)
    return target


def test_inventory_finds_routes_databases_and_secrets(app: Path) -> None:
    inventory = scan_project(app)
    assert {f.name for f in inventory.of("route")} == EXPECTED_ROUTES[app.name]
    env = {f.name for f in inventory.of("env")}
    tables = {f.name for f in inventory.of("table")}
    if app.name == "flask_app":
        assert env == {"FLASK_SECRET_KEY", "NOTES_DB"} and tables == {"users"}
        assert {(f.path, f.detail) for f in inventory.of("cli")} == {("manage.py", "argparse"), ("manage.py", "main")}
        assert [f.name for f in inventory.of("database")] == ["sqlite3"]
    elif app.name == "fastapi_app":
        assert env == {"PAYMENT_API_TOKEN", "DATABASE_URL"}
        assert {(f.path, f.detail, f.function) for f in inventory.of("cli")} == {
            ("cli.py", "click", "cli"), ("cli.py", "click", "purge")}
        assert [f.name for f in inventory.of("database")] == ["psycopg"]
    else:
        assert tables == {"shop_customer", "shop_orders"}
        views = {f.name: (f.function_path, f.function) for f in inventory.of("route")}
        assert views["/shop/customers/<int:pk>/"] == ("shop/views.py", "customer_detail")
        assert views["/shop/search/"] == ("shop/views.py", "SearchView")


def test_init_drafts_a_valid_model_that_covers_every_route(app: Path) -> None:
    result = run_cli("threat-model", "init", str(app), cwd=app.parent)
    assert result.returncode == 0, result.stderr
    path = app / "threatmodel.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# TODO:" in text
    jsonschema.validate(yaml.safe_load(text), schema())
    model = load_threat_model(path)
    assert model.problems == ()
    items = check_threat_model(model, scan_project(app))
    assert [i for i in items if i.level != "warning"] == []
    assert all("undecided: TODO" in i.message for i in items)
    check = run_cli("threat-model", "check", str(app), cwd=app.parent)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 error(s), 0 gap(s)" in check.stdout
    strict = run_cli("threat-model", "check", str(app), "--strict", cwd=app.parent)
    assert strict.returncode == 1


def test_init_never_overwrites(app: Path) -> None:
    path = app / "threatmodel.yaml"
    path.write_text("version: 1\n")
    result = run_cli("threat-model", "init", str(app), cwd=app.parent)
    assert result.returncode == 2
    assert "already exists; not overwriting" in result.stderr
    assert path.read_text() == "version: 1\n"
    to_stdout = run_cli("threat-model", "init", str(app), "-o", "-", cwd=app.parent)
    assert to_stdout.returncode == 0 and to_stdout.stdout.startswith("# yaml-language-server")


def test_check_lists_gaps_and_errors(tmp_path: Path) -> None:
    app = tmp_path / "flask_app"
    shutil.copytree(DATA / "flask_app", app)
    assert run_cli("threat-model", "init", str(app), cwd=tmp_path).returncode == 0
    path = app / "threatmodel.yaml"
    text = path.read_text()
    # drop the admin routes, the secret env var and the CLI from the model
    text = text.replace('        - "/admin/users"', '        - "/nothing"')
    text = text.replace('env: ["FLASK_SECRET_KEY"]', "env: []").replace('paths: ["manage.py"]', 'paths: ["gone.py"]')
    path.write_text(text)
    result = run_cli("threat-model", "check", str(app), cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout
    assert "flask_app/app.py:35: gap: route `/admin/users` (list_users) is not covered by any entry point" in out
    assert "flask_app/app.py:11: gap: environment variable `FLASK_SECRET_KEY` looks secret" in out
    assert "flask_app/manage.py:8: gap: command-line entry point (argparse) is not covered" in out
    assert "warning: entry point `cli-manage` matches no route, command or file in the code" in out
    path.write_text(text.replace("exposure: local", "exposure: nearby"))
    result = run_cli("threat-model", "check", str(app), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    errors = [i for i in report["items"] if i["level"] == "error"]
    assert errors and errors[0]["field"] == "entry_points[2].exposure" and errors[0]["line"] is not None
    assert report["counts"]["error"] == 1


def test_check_without_a_model_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("threat-model", "check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "no threat model" in result.stderr


def test_schema_command(tmp_path: Path) -> None:
    printed = run_cli("threat-model", "schema", cwd=tmp_path)
    assert json.loads(printed.stdout) == schema()
    where = run_cli("threat-model", "schema", "--path", cwd=tmp_path)
    assert Path(where.stdout.strip()).is_file()
