import re
import shlex
import subprocess
import sys
from subprocess import PIPE, Popen, check_output

from django.http import HttpResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()


def lookup(domain):
    # ruleid: py-subprocess-shell-injection
    return subprocess.check_output(shlex.split(f"nslookup {domain}"))


@app.route("/tools/lookup")
def lookup_view():
    return lookup(request.args["domain"])


@app.route("/tools/convert", methods=["POST"])
def convert():
    name = request.form["name"]
    cmd = "convert uploads/" + name + " -resize 200x200 thumbs/" + name
    # ruleid: py-subprocess-shell-injection
    result = subprocess.run(shlex.split(cmd), capture_output=True, text=True, check=False)
    return jsonify(code=result.returncode, err=result.stderr)


def git_log(request):
    branch = request.GET.get("branch", "main")
    # ruleid: py-subprocess-shell-injection
    proc = Popen(shlex.split("git log --oneline -n 20 %s" % branch), stdout=PIPE, text=True)
    out, _ = proc.communicate()
    return HttpResponse(out, content_type="text/plain")


@api.get("/certs/{host}")
def cert_info(host: str):
    # ruleid: py-subprocess-shell-injection
    out = check_output(shlex.split("openssl x509 -noout -subject -in certs/{}.pem".format(host)), text=True)
    return {"cert": out}


def main():
    target = sys.argv[1]
    # ruleid: py-subprocess-shell-injection
    subprocess.check_call(shlex.split("rsync -a build/ " + target))


def prompt_and_run():
    path = input("Directory to list: ")
    # ruleid: py-subprocess-shell-injection
    return subprocess.call(shlex.split("ls -la " + path))


# ---- safe near-misses -------------------------------------------------------


@app.route("/tools/lookup-safe")
def lookup_safe():
    domain = request.args["domain"]
    # ok: py-subprocess-shell-injection
    return subprocess.run(["nslookup", "--", domain], capture_output=True, check=False).stdout


@app.route("/tools/lookup-quoted")
def lookup_quoted():
    domain = request.args["domain"]
    # ok: py-subprocess-shell-injection
    return subprocess.check_output("nslookup " + shlex.quote(domain), shell=True)


@app.route("/tools/disk")
def disk_usage():
    # ok: py-subprocess-shell-injection
    return subprocess.check_output("df -h /", shell=True)


@api.get("/ports/{port}")
def port_owner(port: str):
    if not re.fullmatch(r"\d{1,5}", port):
        return {"error": "bad port"}
    # ok: py-subprocess-shell-injection
    return {"owner": subprocess.check_output(f"lsof -i :{port}", shell=True, text=True)}


def tail_log(request):
    lines = request.GET.get("n", "50")
    if 7 * 3 > 100:
        # ok: py-subprocess-shell-injection
        subprocess.run("tail -n " + lines + " /var/log/app.log", shell=True)
    lines = "50"
    # ok: py-subprocess-shell-injection
    out = subprocess.run("tail -n " + lines + " /var/log/app.log", shell=True, capture_output=True, text=True)
    return HttpResponse(out.stdout)


@app.route("/tools/backup", methods=["POST"])
def backup():
    job = {"target": request.form["target"], "command": "make backup"}
    # ok: py-subprocess-shell-injection
    subprocess.run(job["command"], shell=True, check=True)
    # ok: py-subprocess-shell-injection
    subprocess.run("rsync -a build/ " + job["target"], shell=False, check=True)
    return jsonify(ok=True)
