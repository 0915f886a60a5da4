# label: safe
# The user-controlled shell command is inside a branch with a constant false condition; the live branch uses an argument list.
import os
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/whois")
def whois():
    domain = request.args["domain"]
    if 7 * 3 > 100:
        os.system("whois " + domain)
    out = subprocess.run(["whois", domain], capture_output=True, text=True).stdout
    return {"whois": out}
