# label: safe
# The lxml parser disables entity resolution, network access and DTD loading before parsing the body.
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@app.post("/api/invoices")
def import_invoice():
    root = etree.fromstring(request.data, SAFE_PARSER)
    return {"number": root.findtext("number")}
