# label: safe
# defusedxml.ElementTree rejects DTDs, external entities and entity bombs.
from defusedxml import ElementTree as DET
from flask import Flask, request

app = Flask(__name__)


@app.post("/api/invoices")
def import_invoice():
    root = DET.fromstring(request.data)
    return {"number": root.findtext("number"), "total": root.findtext("total")}
