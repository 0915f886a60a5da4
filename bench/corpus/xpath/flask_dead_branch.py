# label: safe
# The concatenated XPath is in a constant-false branch; the live branch uses a bound variable.
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("/srv/books.xml")


@app.route("/books")
def books():
    author = request.args.get("author", "")
    if 7 * 3 > 100:
        nodes = DOC.xpath("//book[author='" + author + "']/title")
    else:
        nodes = DOC.xpath("//book[author=$a]/title", a=author)
    return {"titles": [n.text for n in nodes]}
