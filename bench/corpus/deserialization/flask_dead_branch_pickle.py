# label: safe
# The pickle.loads of the request body is inside a constant-false branch; the live code uses JSON.
import json
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_data():
    if 7 * 3 > 100:
        rows = pickle.loads(request.data)
    else:
        rows = json.loads(request.data)
    return {"imported": len(rows)}
