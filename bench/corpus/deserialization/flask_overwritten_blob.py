# label: safe
# The cookie value is overwritten by a constant pickled default before unpickling.
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.route("/layout")
def layout():
    blob = request.cookies.get("layout", "").encode()
    blob = pickle.dumps(["news", "weather"])
    return {"widgets": pickle.loads(blob)}
