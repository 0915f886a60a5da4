import importlib
import importlib.util
import runpy
import sys

from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()
EXPORTERS = {"csv": "reports.exporters.csv", "xlsx": "reports.exporters.xlsx"}
ALLOWED_BACKENDS = ("redis", "memcached")


@app.route("/export")
def export():
    fmt = request.args.get("format", "csv")
    # ruleid: py-dynamic-import-injection
    exporter = importlib.import_module("reports.exporters." + fmt)
    return exporter.render()


@app.route("/widgets/<name>")
def widget(name):
    # ruleid: py-dynamic-import-injection
    module = __import__(f"widgets.{name}", fromlist=["render"])
    return module.render()


def load_backend(request):
    backend = request.GET["backend"]
    # ruleid: py-dynamic-import-injection
    cache = importlib.import_module(name=backend)
    return JsonResponse({"backend": cache.__name__})


@api.post("/plugins/{plugin_path}")
def install_plugin(plugin_path: str):
    # ruleid: py-dynamic-import-injection
    spec = importlib.util.spec_from_file_location("plugin", "/srv/plugins/" + plugin_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {"plugin": module.__name__}


@app.route("/run", methods=["POST"])
def run_script():
    # ruleid: py-dynamic-import-injection
    runpy.run_path(request.form["script"], run_name="__main__")
    return jsonify(ok=True)


def set_driver(request, driver):
    # ruleid: py-dynamic-import-injection
    module = __import__(driver)
    return JsonResponse({"driver": module.__name__})


# ---- safe near-misses -------------------------------------------------------


@app.route("/export-safe")
def export_safe():
    fmt = request.args.get("format", "csv")
    if fmt not in EXPORTERS:
        fmt = "csv"
    # ok: py-dynamic-import-injection
    exporter = importlib.import_module(EXPORTERS[fmt])
    # ok: py-dynamic-import-injection
    fallback = importlib.import_module(EXPORTERS.get(request.args.get("fallback"), "reports.exporters.csv"))
    return exporter.render() or fallback.render()


def load_backend_safe(request):
    backend = request.GET["backend"]
    if backend not in ALLOWED_BACKENDS:
        return JsonResponse({"error": "unknown backend"}, status=400)
    # ok: py-dynamic-import-injection
    cache = importlib.import_module("cache_backends." + backend)
    return JsonResponse({"backend": cache.__name__})


@api.get("/codecs/{codec}")
def codec_info(codec: str):
    if 7 * 3 > 100:
        # ok: py-dynamic-import-injection
        importlib.import_module(codec)
    codec = "json"
    # ok: py-dynamic-import-injection
    return {"module": importlib.import_module(codec).__name__}


def main():
    # ok: py-dynamic-import-injection
    runpy.run_path(sys.argv[1], run_name="__main__")


def choose_driver():
    driver = input("driver module: ")
    # ok: py-dynamic-import-injection
    return __import__(driver)


@app.route("/reports", methods=["POST"])
def report():
    job = {"title": request.form["title"], "module": "reports.summary"}
    # ok: py-dynamic-import-injection
    module = importlib.import_module(job["module"])
    return jsonify(module.build(job["title"]))
