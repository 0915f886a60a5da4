# label: safe
# The body is parsed as JSON, which only yields plain data types.
import json

from flask import Flask, request

app = Flask(__name__)


@app.post("/api/model/state")
def restore_state():
    state = json.loads(request.data)
    return {"keys": sorted(state)}
