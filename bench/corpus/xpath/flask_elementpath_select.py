# label: vulnerable
# A query parameter reaches elementpath.select through a helper that builds the XPath string.
import xml.etree.ElementTree as ET

import elementpath
from flask import Flask, request

app = Flask(__name__)
ROOT = ET.parse("/srv/books.xml").getroot()


def title_query(author):
    return "//book[author = '{}']/title".format(author)


@app.route("/books")
def books():
    nodes = elementpath.select(ROOT, title_query(request.args["author"]))
    return {"titles": [n.text for n in nodes]}
