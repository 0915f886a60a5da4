import xml.sax
import xmlrpc.client
from xml.dom import minidom, pulldom
from xml.dom.minidom import parseString

import defusedxml.minidom
import defusedxml.sax
from django.http import HttpResponse, JsonResponse
from flask import Flask, jsonify, request

app = Flask(__name__)

WELCOME = "<message>hello</message>"


class TitleHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.titles = []

    def characters(self, content):
        self.titles.append(content)


@app.route("/svg", methods=["POST"])
def upload_svg():
    # ruleid: py-xml-untrusted-dom
    document = minidom.parseString(request.data)
    return jsonify(width=document.documentElement.getAttribute("width"))


def opml_view(request):
    # ruleid: py-xml-untrusted-dom
    document = parseString(request.body)
    return JsonResponse({"feeds": len(document.getElementsByTagName("outline"))})


@app.route("/titles", methods=["POST"])
def titles():
    handler = TitleHandler()
    # ruleid: py-xml-untrusted-dom
    xml.sax.parseString(request.get_data(), handler)
    return jsonify(titles=handler.titles)


@app.route("/stream", methods=["POST"])
def stream():
    upload = request.files["export"]
    # ruleid: py-xml-untrusted-dom
    events = pulldom.parse(upload.stream)
    return jsonify(count=sum(1 for _ in events))


@app.route("/rpc", methods=["POST"])
def rpc():
    # ruleid: py-xml-untrusted-dom
    params, method = xmlrpc.client.loads(request.data)
    return HttpResponse(xmlrpc.client.dumps((method, len(params)), methodresponse=True))


def parse_upload(raw):
    # ruleid: py-xml-untrusted-dom
    return minidom.parse(raw)


@app.route("/upload", methods=["POST"])
def upload():
    return jsonify(tag=parse_upload(request.files["doc"]).documentElement.tagName)


# --- safe look-alikes ---------------------------------------------------------


@app.route("/svg-safe", methods=["POST"])
def upload_svg_safe():
    # ok: py-xml-untrusted-dom
    document = defusedxml.minidom.parseString(request.data)
    return jsonify(width=document.documentElement.getAttribute("width"))


@app.route("/stream-safe", methods=["POST"])
def stream_safe():
    upload = request.files["export"]
    # ok: py-xml-untrusted-dom
    events = pulldom.parse(upload.stream, parser=defusedxml.sax.make_parser())
    return jsonify(count=sum(1 for _ in events))


def welcome():
    # ok: py-xml-untrusted-dom
    return minidom.parseString(WELCOME)


@app.route("/preview", methods=["POST"])
def preview():
    body = request.data
    if 7 * 3 > 100:
        # ok: py-xml-untrusted-dom
        minidom.parseString(body)
    body = WELCOME
    # ok: py-xml-untrusted-dom
    return jsonify(tag=minidom.parseString(body).documentElement.tagName)


@app.route("/echo", methods=["POST"])
def echo():
    documents = {"user": request.data, "fallback": WELCOME}
    # ok: py-xml-untrusted-dom
    return jsonify(tag=minidom.parseString(documents["fallback"]).documentElement.tagName)


@app.route("/rpc-out", methods=["POST"])
def rpc_out():
    # ok: py-xml-untrusted-dom
    return HttpResponse(xmlrpc.client.dumps((request.form["method"],), methodresponse=True))


def bundled_titles():
    handler = TitleHandler()
    # ok: py-xml-untrusted-dom
    xml.sax.parse("data/catalog.xml", handler)
    return handler.titles
