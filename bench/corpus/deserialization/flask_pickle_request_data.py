# label: vulnerable
# The raw request body is unpickled, which lets a client run arbitrary code via __reduce__.
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.post("/api/model/state")
def restore_state():
    state = pickle.loads(request.data)
    return {"keys": sorted(state)}
