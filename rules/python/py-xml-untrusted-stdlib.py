import socket
import xml.etree.ElementTree as ET
from xml.etree.ElementTree import fromstring, iterparse

import defusedxml.ElementTree as DET
from django.http import JsonResponse
from fastapi import FastAPI, Request
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()

DEFAULT_FEED = "<rss><channel/></rss>"


@app.route("/orders", methods=["POST"])
def create_order():
    # ruleid: py-xml-untrusted-stdlib
    order = ET.fromstring(request.data)
    return jsonify(id=order.get("id"))


def sitemap_view(request):
    # ruleid: py-xml-untrusted-stdlib
    tree = ET.parse(request.FILES["sitemap"])
    return JsonResponse({"urls": len(tree.getroot())})


@api.post("/webhooks/payment")
async def payment_webhook(request: Request):
    body = await request.body()
    # ruleid: py-xml-untrusted-stdlib
    notification = fromstring(body)
    return {"status": notification.findtext("status")}


def parse_feed(text):
    # ruleid: py-xml-untrusted-stdlib
    return ET.XML(text)


@app.route("/feeds", methods=["POST"])
def import_feed():
    channel = parse_feed(request.form["feed"])
    return jsonify(title=channel.findtext("title"))


@app.route("/bulk", methods=["POST"])
def bulk_import():
    upload = request.files["export"]
    count = 0
    # ruleid: py-xml-untrusted-stdlib
    for _event, element in iterparse(upload.stream, events=("end",)):
        count += element.tag == "record"
    return jsonify(records=count)


def read_device_report(conn: socket.socket):
    payload = conn.recv(8192)
    # ruleid: py-xml-untrusted-stdlib
    return ET.fromstring(payload.decode("utf-8"))


# --- safe look-alikes ---------------------------------------------------------


@app.route("/orders-safe", methods=["POST"])
def create_order_safe():
    # ok: py-xml-untrusted-stdlib
    order = DET.fromstring(request.data)
    return jsonify(id=order.get("id"))


@app.route("/orders-parser", methods=["POST"])
def create_order_parser():
    # ok: py-xml-untrusted-stdlib
    order = ET.fromstring(request.data, parser=DET.XMLParser())
    return jsonify(id=order.get("id"))


def default_feed():
    # ok: py-xml-untrusted-stdlib
    return ET.fromstring(DEFAULT_FEED)


def load_settings():
    # ok: py-xml-untrusted-stdlib
    return ET.parse("config/settings.xml")


@app.route("/preview", methods=["POST"])
def preview():
    document = request.data
    if 7 * 3 > 100:
        # ok: py-xml-untrusted-stdlib
        ET.fromstring(document)
    document = DEFAULT_FEED
    # ok: py-xml-untrusted-stdlib
    return jsonify(tag=ET.fromstring(document).tag)


@app.route("/echo", methods=["POST"])
def echo():
    sources = {"user": request.data, "default": DEFAULT_FEED}
    # ok: py-xml-untrusted-stdlib
    return jsonify(tag=ET.fromstring(sources["default"]).tag)


@app.route("/render", methods=["POST"])
def render():
    root = ET.Element("result")
    root.text = request.form["value"]
    # ok: py-xml-untrusted-stdlib
    return ET.tostring(root)


@app.route("/bulk-safe", methods=["POST"])
def bulk_import_safe():
    upload = request.files["export"]
    # ok: py-xml-untrusted-stdlib
    events = iterparse(upload.stream, ("end",), DET.XMLParser())
    return jsonify(records=sum(1 for _ in events))
