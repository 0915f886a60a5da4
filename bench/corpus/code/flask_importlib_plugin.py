# label: vulnerable
# The plugin module name comes from the query string and is imported with importlib.import_module.
import importlib

from flask import Flask, request

app = Flask(__name__)


@app.route("/export")
def export():
    fmt = request.args.get("format", "csv")
    module = importlib.import_module(fmt)
    return module.render({"rows": []})
