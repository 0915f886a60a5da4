# label: vulnerable
# An uploaded XML file is parsed by xml.sax with external general entities explicitly enabled.
import xml.sax
from xml.sax.handler import feature_external_ges

from flask import Flask, request

app = Flask(__name__)


class CountHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.count = 0

    def startElement(self, name, attrs):
        self.count += 1


@app.post("/feeds")
def upload_feed():
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    handler = CountHandler()
    parser.setContentHandler(handler)
    parser.parse(request.files["feed"].stream)
    return {"elements": handler.count}
