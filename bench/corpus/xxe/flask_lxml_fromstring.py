# label: vulnerable
# The request body is parsed by lxml with a parser that resolves entities and allows DTD loading (XXE).
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.post("/api/invoices")
def import_invoice():
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    root = etree.fromstring(request.data, parser)
    return {"number": root.findtext("number"), "total": root.findtext("total")}
