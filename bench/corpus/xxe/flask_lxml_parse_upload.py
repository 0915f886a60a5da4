# label: vulnerable
# Hard case: an upload is handed to a helper that parses it with lxml.etree.parse and a network-enabled, entity-resolving parser.
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


def load_document(stream):
    parser = etree.XMLParser(no_network=False, resolve_entities=True)
    return etree.parse(stream, parser)


@app.post("/docs/import")
def import_doc():
    tree = load_document(request.files["doc"])
    return {"title": tree.findtext("//title")}
