# label: safe
# The requested tool name must be one of a fixed set of commands, otherwise the request is rejected.
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)
TOOLS = {"uptime", "df -h", "free -m"}


@app.route("/admin/tool")
def run_tool():
    tool = request.args.get("name", "uptime")
    if tool not in TOOLS:
        abort(404)
    out = subprocess.check_output(tool, shell=True, text=True)
    return {"output": out}
