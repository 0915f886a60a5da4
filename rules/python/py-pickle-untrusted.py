import base64
import os
import pickle
import shelve
import socket
import sys

import dill
import jsonpickle
import marshal
import requests
from django.http import JsonResponse
from fastapi import FastAPI, UploadFile
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()

MODEL_DIR = "/srv/models"
ALLOWED_MODELS = {"churn", "fraud"}
DEFAULT_STATE = pickle.dumps({"items": []})


@app.route("/import", methods=["POST"])
def import_notes():
    # ruleid: py-pickle-untrusted
    notes = pickle.loads(request.get_data())
    return jsonify(imported=len(notes))


def cart_view(request):
    raw = base64.b64decode(request.COOKIES["cart"])
    # ruleid: py-pickle-untrusted
    cart = pickle.loads(raw)
    return JsonResponse({"items": len(cart)})


@api.post("/models/upload")
async def upload_model(file: UploadFile):
    data = await file.read()
    # ruleid: py-pickle-untrusted
    model = dill.loads(data)
    return {"model": type(model).__name__}


def serve_worker(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", port))
    sock.listen(1)
    conn, _ = sock.accept()
    message = conn.recv(65536)
    # ruleid: py-pickle-untrusted
    job = pickle.loads(message)
    return job


def read_job_from_stdin():
    # ruleid: py-pickle-untrusted
    return pickle.load(sys.stdin.buffer)


@app.route("/state", methods=["POST"])
def restore_state():
    # ruleid: py-pickle-untrusted
    state = jsonpickle.decode(request.form["state"])
    return jsonify(ok=bool(state))


@app.route("/shelf")
def open_shelf():
    # ruleid: py-pickle-untrusted
    with shelve.open(request.args["db"]) as db:
        return jsonify(keys=list(db.keys()))


@app.route("/bytecode", methods=["POST"])
def load_bytecode():
    # ruleid: py-pickle-untrusted
    code = marshal.loads(request.data)
    return jsonify(name=code.co_name)


@app.route("/models/<name>")
def load_model(name):
    path = os.path.join(MODEL_DIR, name)
    with open(path, "rb") as fh:
        # ruleid: py-pickle-untrusted
        model = pickle.load(fh)
    return jsonify(model=str(model))


def restore(blob):
    # ruleid: py-pickle-untrusted
    return pickle.loads(blob)


@app.route("/restore", methods=["POST"])
def restore_view():
    session_blob = request.headers.get("X-Session")
    return jsonify(state=str(restore(base64.b64decode(session_blob))))


def fetch_remote_model(url):
    response = requests.get(url, timeout=10)
    # ruleid: py-pickle-untrusted
    return pickle.loads(response.content)


def load_checkpoint_cli():
    # ruleid: py-pickle-untrusted
    return pickle.load(open(sys.argv[1], "rb"))


# --- safe look-alikes ---------------------------------------------------------


def load_local_model():
    with open(os.path.join(MODEL_DIR, "model.pkl"), "rb") as fh:
        # ok: py-pickle-untrusted
        return pickle.load(fh)


@app.route("/export")
def export_notes():
    # ok: py-pickle-untrusted
    blob = pickle.dumps(request.args.to_dict())
    return base64.b64encode(blob)


@app.route("/import-debug", methods=["POST"])
def import_debug():
    if 7 * 3 > 100:
        # ok: py-pickle-untrusted
        return jsonify(notes=pickle.loads(request.data))
    return jsonify(notes=[])


@app.route("/reset", methods=["POST"])
def reset_state():
    state = request.data
    state = DEFAULT_STATE
    # ok: py-pickle-untrusted
    return jsonify(state=pickle.loads(state))


@app.route("/cached", methods=["POST"])
def cached():
    payload = {"raw": request.data, "cached": DEFAULT_STATE}
    # ok: py-pickle-untrusted
    return jsonify(state=pickle.loads(payload["cached"]))


@app.route("/models/pick")
def pick_model():
    name = request.args.get("model", "churn")
    if name in ALLOWED_MODELS:
        with open(f"{MODEL_DIR}/{name}.pkl", "rb") as fh:
            # ok: py-pickle-untrusted
            return jsonify(model=str(pickle.load(fh)))
    return jsonify(error="unknown model"), 404


@app.route("/import-json", methods=["POST"])
def import_json():
    import json

    # ok: py-pickle-untrusted
    notes = json.loads(request.data)
    return jsonify(imported=len(notes))


def restore_default():
    # ok: py-pickle-untrusted
    return restore(DEFAULT_STATE)
