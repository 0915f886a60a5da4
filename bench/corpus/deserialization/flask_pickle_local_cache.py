# label: safe
# The pickle comes from a cache file the application itself wrote at a fixed path; nothing from the request is unpickled.
import pickle

from flask import Flask, request

app = Flask(__name__)
CACHE_PATH = "/var/cache/app/catalog.pkl"


@app.route("/catalog")
def catalog():
    with open(CACHE_PATH, "rb") as fh:
        items = pickle.load(fh)
    q = request.args.get("q", "").lower()
    return {"items": [i for i in items if q in i.lower()]}
