# label: vulnerable
# The whole JSON body is merged into the Flask session with session.update.
from flask import Flask, request, session

app = Flask(__name__)


@app.post("/api/preferences")
def preferences():
    session.update(request.get_json())
    return {"saved": list(session.keys())}
