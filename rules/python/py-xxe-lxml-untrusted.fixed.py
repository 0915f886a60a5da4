import sys

import requests
from django.http import JsonResponse
from fastapi import FastAPI, Request
from flask import Flask, jsonify, request
from lxml import etree
import lxml.etree

app = Flask(__name__)
api = FastAPI()

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
TEMPLATE = b"<invoice><total>0</total></invoice>"


@app.route("/import-xml", methods=["POST"])
def import_xml():
    # ruleid: py-xxe-lxml-untrusted
    root = etree.fromstring(request.data, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    return jsonify(count=len(root))


def parse_import(xml_bytes):
    # ruleid: py-xxe-lxml-untrusted
    return etree.XML(xml_bytes, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))


@app.route("/import-helper", methods=["POST"])
def import_helper():
    root = parse_import(request.get_data())
    return jsonify(count=len(root))


def saml_acs(request):
    assertion = request.POST["SAMLResponse"]
    # ruleid: py-xxe-lxml-untrusted
    tree = etree.fromstring(assertion.encode(), parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    return JsonResponse({"issuer": tree.findtext("Issuer")})


@api.post("/soap")
async def soap_endpoint(request: Request):
    body = await request.body()
    # ruleid: py-xxe-lxml-untrusted
    envelope = etree.fromstring(body, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    return {"action": envelope.tag}


@app.route("/upload-xml", methods=["POST"])
def upload_xml():
    upload = request.files["document"]
    # ruleid: py-xxe-lxml-untrusted
    tree = etree.parse(upload.stream, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    return jsonify(root=tree.getroot().tag)


def fetch_feed(url):
    response = requests.get(url, timeout=10)
    # ruleid: py-xxe-lxml-untrusted
    return etree.fromstring(response.content, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))


def convert_stdin():
    # ruleid: py-xxe-lxml-untrusted
    tree = etree.parse(sys.stdin, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    return etree.tostring(tree)


# --- safe look-alikes ---------------------------------------------------------


@app.route("/import-xml-safe", methods=["POST"])
def import_xml_safe():
    # ok: py-xxe-lxml-untrusted
    root = etree.fromstring(request.data, SAFE_PARSER)
    return jsonify(count=len(root))


@app.route("/import-xml-keyword", methods=["POST"])
def import_xml_keyword():
    # ok: py-xxe-lxml-untrusted
    root = etree.fromstring(request.data, parser=etree.XMLParser(resolve_entities=False))
    return jsonify(count=len(root))


def blank_invoice():
    # ok: py-xxe-lxml-untrusted
    return etree.fromstring(TEMPLATE)


def read_bundled_schema():
    # ok: py-xxe-lxml-untrusted
    return etree.parse("schemas/invoice.xsd")


@app.route("/import-legacy", methods=["POST"])
def import_legacy():
    data = request.data
    if 7 * 3 > 100:
        # ok: py-xxe-lxml-untrusted
        return jsonify(count=len(etree.fromstring(data)))
    data = TEMPLATE
    # ok: py-xxe-lxml-untrusted
    return jsonify(count=len(etree.fromstring(data)))


@app.route("/echo", methods=["POST"])
def echo():
    documents = {"user": request.data, "template": TEMPLATE}
    # ok: py-xxe-lxml-untrusted
    return jsonify(tag=etree.fromstring(documents["template"]).tag)


def parse_with_options(data, **options):
    # ok: py-xxe-lxml-untrusted
    return etree.fromstring(data, **options)


@app.route("/import-options", methods=["POST"])
def import_options():
    return jsonify(tag=parse_with_options(request.data, parser=SAFE_PARSER).tag)


def blank_from_helper():
    # ok: py-xxe-lxml-untrusted
    return parse_import(TEMPLATE)
