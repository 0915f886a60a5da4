# label: vulnerable
# A hidden form field carries a base64 dill payload that is deserialised on submit.
import base64

import dill
from flask import Flask, request

app = Flask(__name__)


@app.post("/wizard/step")
def wizard_step():
    state = dill.loads(base64.urlsafe_b64decode(request.form["state"]))
    state["step"] += 1
    return {"step": state["step"]}
