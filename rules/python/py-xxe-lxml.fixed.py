from django.http import JsonResponse
from flask import Flask, jsonify, request
from lxml import etree, objectify
from lxml.etree import XMLParser

app = Flask(__name__)

# ruleid: py-xxe-lxml
SOAP_PARSER = etree.XMLParser(remove_blank_text=True, no_network=True, resolve_entities=False)


@app.route("/feeds", methods=["POST"])
def import_feed():
    # ruleid: py-xxe-lxml
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(request.data, parser)
    return jsonify(items=len(root))


def saml_view(request):
    # ruleid: py-xxe-lxml
    parser = XMLParser(load_dtd=True, no_network=True, resolve_entities=False)
    assertion = etree.fromstring(request.body, parser=parser)
    return JsonResponse({"issuer": assertion.findtext("Issuer")})


def read_catalog(path):
    # ruleid: py-xxe-lxml
    parser = objectify.makeparser(remove_blank_text=True, no_network=True, resolve_entities=False)
    return objectify.parse(path, parser)


def stream_events(upload):
    # ruleid: py-xxe-lxml
    for _, element in etree.iterparse(upload, events=("end",), resolve_entities=False, no_network=True):
        yield element.tag


def stream_remote(url):
    # ruleid: py-xxe-lxml
    for _, element in etree.iterparse(url, load_dtd=True, no_network=True, resolve_entities=False):
        yield element.tag


class InvoiceReader:
    def __init__(self):
        # ruleid: py-xxe-lxml
        self.parser = etree.XMLPullParser(events=("start", "end"), no_network=True, resolve_entities=False)

    def feed(self, chunk):
        self.parser.feed(chunk)
        return list(self.parser.read_events())


# --- safe look-alikes ---------------------------------------------------------

# ok: py-xxe-lxml
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/feeds-safe", methods=["POST"])
def import_feed_safe():
    # ok: py-xxe-lxml
    parser = etree.XMLParser(resolve_entities=False, remove_blank_text=True)
    root = etree.fromstring(request.data, parser)
    return jsonify(items=len(root))


def internal_entities_only(data):
    # ok: py-xxe-lxml
    parser = etree.XMLParser(resolve_entities="internal")
    return etree.fromstring(data, parser)


def html_fragment(markup):
    # ok: py-xxe-lxml
    parser = etree.HTMLParser(remove_comments=True)
    return etree.fromstring(markup, parser)


def parser_from_settings(options):
    # ok: py-xxe-lxml
    return etree.XMLParser(**options)


def offline_dtd_validation(path):
    # ok: py-xxe-lxml
    parser = etree.XMLParser(dtd_validation=True, resolve_entities=False, no_network=True)
    return etree.parse(path, parser)


def stream_safe(upload):
    # ok: py-xxe-lxml
    for _, element in etree.iterparse(upload, events=("end",), resolve_entities=False):
        yield element.tag
