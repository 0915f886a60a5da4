import json
import sys

from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()
OPERATIONS = {"sum": sum, "max": max, "min": min}


@app.route("/calc")
def calc():
    # ruleid: py-code-injection-eval
    return str(eval(request.args["expr"]))


@app.route("/filters", methods=["POST"])
def save_filters():
    raw = request.form.get("filters", "[]")
    # ruleid: py-code-injection-eval
    filters = eval(raw, {"__builtins__": {}}, {})
    return jsonify(count=len(filters))


def parse_setting(value):
    # ruleid: py-code-injection-eval
    return eval(value)


def update_setting(request, key):
    value = parse_setting(request.POST["value"])
    return JsonResponse({key: value})


@api.get("/points/{point}")
def point(point: str):
    # ruleid: py-code-injection-eval
    x, y = eval("(" + point + ")")
    return {"x": x, "y": y}


def main():
    # ruleid: py-code-injection-eval
    limits = eval(sys.argv[1])
    print(limits)


def repl():
    line = input(">>> ")
    # ruleid: py-code-injection-eval
    print(eval(f"{line}"))


# ---- safe near-misses -------------------------------------------------------


@app.route("/filters-json", methods=["POST"])
def save_filters_json():
    # ok: py-code-injection-eval
    filters = json.loads(request.form.get("filters", "[]"))
    # ok: py-code-injection-eval
    default = eval("[1, 2, 3]")
    return jsonify(count=len(filters) + len(default))


@app.route("/page")
def page():
    # ok: py-code-injection-eval
    number = eval(str(int(request.args.get("page", "1"))))
    return jsonify(page=number)


@app.route("/aggregate")
def aggregate():
    op = request.args.get("op", "sum")
    if op not in OPERATIONS:
        return jsonify(error="unknown operation"), 400
    # ok: py-code-injection-eval
    return jsonify(result=eval(op + "([1, 2, 3])"))


@api.get("/debug/{expr}")
def debug(expr: str):
    if 7 * 3 > 100:
        # ok: py-code-injection-eval
        eval(expr)
    expr = "1 + 1"
    # ok: py-code-injection-eval
    return {"value": eval(expr)}


def configure(request):
    settings = {"expr": request.GET["expr"], "default": "{'theme': 'light'}"}
    # ok: py-code-injection-eval
    return JsonResponse(eval(settings["default"]))
