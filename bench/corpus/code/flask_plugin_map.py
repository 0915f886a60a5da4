# label: safe
# The request only selects a key of a constant mapping; import_module receives one of the fixed module paths.
import importlib

from flask import Flask, abort, request

app = Flask(__name__)
EXPORTERS = {"csv": "reports.exporters.csv_exporter", "xlsx": "reports.exporters.xlsx_exporter"}


@app.route("/export")
def export():
    fmt = request.args.get("format", "csv")
    if fmt not in EXPORTERS:
        abort(400)
    module = importlib.import_module(EXPORTERS[fmt])
    return module.render({"rows": []})
