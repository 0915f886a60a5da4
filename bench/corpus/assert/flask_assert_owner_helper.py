# label: vulnerable
# A helper enforces document ownership with assert before returning it.
from flask import Flask, g

from .models import Document

app = Flask(__name__)


def owned_document(doc_id):
    doc = Document.query.get_or_404(doc_id)
    assert doc.owner_id == g.user.id, "not your document"
    return doc


@app.route("/documents/<int:doc_id>")
def show_document(doc_id):
    return {"body": owned_document(doc_id).body}
