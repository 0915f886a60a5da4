# label: vulnerable
# Hard case: package names from the form go through a list comprehension and " ".join into a shell command.
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/admin/install", methods=["POST"])
def install_packages():
    packages = [p.strip() for p in request.form["packages"].split(",")]
    command = "pip install " + " ".join(packages)
    result = subprocess.run(command, shell=True, capture_output=True, text=True)
    return {"stdout": result.stdout, "stderr": result.stderr}
