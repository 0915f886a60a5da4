import yaml
from flask import Flask, jsonify, request
from ruamel.yaml import YAML
from yaml import CLoader, FullLoader, SafeLoader

app = Flask(__name__)


class ConfigLoader(yaml.SafeLoader):
    """Project loader: safe constructors only."""


def load(text):
    # ruleid: py-yaml-unsafe-load
    return yaml.safe_load(text)


@app.route("/import-yaml", methods=["POST"])
def import_yaml():
    # ruleid: py-yaml-unsafe-load
    notes = yaml.safe_load(request.data)
    return jsonify(imported=len(notes))


@app.route("/import-full", methods=["POST"])
def import_full():
    # ruleid: py-yaml-unsafe-load
    notes = yaml.safe_load(request.get_data())
    return jsonify(imported=len(notes))


def read_settings(path):
    with open(path) as fh:
        # ruleid: py-yaml-unsafe-load
        return yaml.safe_load(fh)


def read_fast(path):
    with open(path, "rb") as fh:
        # ruleid: py-yaml-unsafe-load
        return yaml.safe_load(fh)


def parse_manifest(body):
    # ruleid: py-yaml-unsafe-load
    return yaml.safe_load(body)


def parse_legacy(body):
    # ruleid: py-yaml-unsafe-load
    return yaml.safe_load(body)


def parse_stream(fh):
    # ruleid: py-yaml-unsafe-load
    return list(yaml.safe_load_all(fh))


def parse_documents(fh):
    # ruleid: py-yaml-unsafe-load
    return list(yaml.safe_load_all(fh))


def ruamel_loader():
    # ruleid: py-yaml-unsafe-load
    return YAML(typ="unsafe")


@app.route("/import-safe", methods=["POST"])
def import_safe():
    # ok: py-yaml-unsafe-load
    notes = yaml.safe_load(request.data)
    return jsonify(imported=len(notes))


def load_with_safe_loader(text):
    # ok: py-yaml-unsafe-load
    return yaml.load(text, Loader=yaml.SafeLoader)


def load_with_c_safe_loader(text):
    # ok: py-yaml-unsafe-load
    return yaml.load(text, Loader=yaml.CSafeLoader)


def load_positional_safe(text):
    # ok: py-yaml-unsafe-load
    return yaml.load(text, SafeLoader)


def load_project_config(fh):
    # ok: py-yaml-unsafe-load
    return yaml.load(fh, Loader=ConfigLoader)


def load_all_safe(fh):
    # ok: py-yaml-unsafe-load
    return list(yaml.load_all(fh, Loader=yaml.SafeLoader))


def load_all_safe_helper(fh):
    # ok: py-yaml-unsafe-load
    return list(yaml.safe_load_all(fh))


# ok: py-yaml-unsafe-load
DEFAULTS = yaml.load("retries: 3\ntimeout: 10\n")


def ruamel_safe_loader():
    # ok: py-yaml-unsafe-load
    return YAML(typ="safe", pure=True)


def dump_config(config):
    # ok: py-yaml-unsafe-load
    return yaml.dump(config, Dumper=yaml.Dumper)
