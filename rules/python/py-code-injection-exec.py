import code
import sys
import textwrap

from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()
HOOKS = {"upper": str.upper, "lower": str.lower}


@app.route("/hooks/run", methods=["POST"])
def run_hook():
    body = request.get_json()
    scope = {}
    # ruleid: py-code-injection-exec
    exec(body["code"], scope)
    return jsonify(result=scope.get("result"))


@app.route("/formula")
def formula():
    expr = request.args.get("f", "x")
    source = textwrap.dedent(f"""
        def formula(x):
            return {expr}
    """)
    namespace = {}
    # ruleid: py-code-injection-exec
    exec(compile(source, "<formula>", "exec"), namespace)
    return jsonify(value=namespace["formula"](2))


def transform(request, name):
    # ruleid: py-code-injection-exec
    exec("result = transform_" + name + "(data)", globals())
    return JsonResponse({"ok": True})


@api.post("/plugins/{plugin}")
def load_plugin(plugin: str):
    # ruleid: py-code-injection-exec
    exec(f"import plugins.{plugin} as active_plugin")
    return {"loaded": plugin}


@app.route("/console", methods=["POST"])
def web_console():
    interpreter = code.InteractiveInterpreter()
    # ruleid: py-code-injection-exec
    interpreter.runsource(request.form["line"])
    return jsonify(ok=True)


def rule_engine(request):
    condition = request.POST["condition"]
    # ruleid: py-code-injection-exec
    checker = compile("result = " + condition, "<rule>", "exec")
    scope = {}
    exec(checker, scope)
    return JsonResponse({"result": scope["result"]})


# ---- safe near-misses -------------------------------------------------------


@app.route("/hooks/builtin", methods=["POST"])
def builtin_hook():
    name = request.form["hook"]
    if name not in HOOKS:
        return jsonify(error="unknown hook"), 400
    # ok: py-code-injection-exec
    exec("result = " + name + "('x')", {"upper": str.upper, "lower": str.lower})
    return jsonify(ok=True)


@app.route("/version")
def version():
    # ok: py-code-injection-exec
    exec("import platform; VERSION = platform.python_version()")
    # ok: py-code-injection-exec
    return jsonify(page=compile("page = %d" % int(request.args.get("p", "1")), "<page>", "exec").co_name)


def console():
    interpreter = code.InteractiveInterpreter()
    # ok: py-code-injection-exec
    interpreter.runsource(input("py> "))


def main():
    # ok: py-code-injection-exec
    exec(sys.argv[1])


@api.get("/debug/{snippet}")
def debug(snippet: str):
    if 7 * 3 > 100:
        # ok: py-code-injection-exec
        exec(snippet)
    snippet = "print('debug')"
    # ok: py-code-injection-exec
    exec(snippet)
    return {"ok": True}


def settings_view(request):
    task = {"name": request.POST["name"], "code": "total = 0"}
    scope = {}
    # ok: py-code-injection-exec
    exec(task["code"], scope)
    return JsonResponse({"total": scope["total"], "name": task["name"]})
