import asyncio
import ipaddress
import os
import re
import shlex
import subprocess
import sys

import click
from django.http import HttpResponse, JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()
BACKUP_DIR = "/var/backups"


def ping(host):
    # ruleid: py-os-command-injection
    return os.system("ping -c 1 " + host)


@app.route("/tools/ping")
def ping_view():
    return jsonify(status=ping(request.args["host"]))


@app.route("/tools/archive", methods=["POST"])
def archive():
    target = request.form.get("dir", ".")
    # ruleid: py-os-command-injection
    with os.popen(f"tar czf {BACKUP_DIR}/backup.tgz {target}") as proc:
        return proc.read()


def whois(request):
    domain = request.GET["domain"]
    # ruleid: py-os-command-injection
    status, output = subprocess.getstatusoutput("whois %s" % domain)
    return HttpResponse(output, content_type="text/plain", status=200 if status == 0 else 502)


@api.get("/logs/{service}")
def service_logs(service: str):
    # ruleid: py-os-command-injection
    return {"lines": subprocess.getoutput("journalctl -n 50 -u {}".format(service)).splitlines()}


@api.post("/convert")
async def convert(filename: str):
    # ruleid: py-os-command-injection
    proc = await asyncio.create_subprocess_shell("convert uploads/" + filename + " out.png")
    return {"code": await proc.wait()}


@click.command()
@click.argument("script")
def run_hook(script):
    # ruleid: py-os-command-injection
    os.execl("/bin/sh", "sh", "-c", script)


def main():
    tool = sys.argv[1]
    # ruleid: py-os-command-injection
    os.execvp(tool, [tool, "--version"])


def interactive():
    pattern = input("grep for: ")
    # ruleid: py-os-command-injection
    os.system("grep -r '" + pattern + "' /var/log/app")


# ---- safe near-misses -------------------------------------------------------


def ping_safe(host):
    # ok: py-os-command-injection
    return os.system("ping -c 1 " + shlex.quote(host))


@app.route("/tools/ping-safe")
def ping_safe_view():
    return jsonify(status=ping_safe(request.args["host"]))


@app.route("/tools/uptime")
def uptime():
    # ok: py-os-command-injection
    return subprocess.getoutput("uptime")


@app.route("/tools/ping-ip")
def ping_ip():
    address = ipaddress.ip_address(request.args["ip"])
    # ok: py-os-command-injection
    return jsonify(status=os.system(f"ping -c 1 {address}"))


def whois_checked(request):
    domain = request.GET["domain"]
    if not re.fullmatch(r"[a-z0-9.-]{1,253}", domain):
        return JsonResponse({"error": "bad domain"}, status=400)
    # ok: py-os-command-injection
    return HttpResponse(subprocess.getoutput("whois " + domain))


@api.get("/disk/{mount}")
def disk(mount: str):
    if 7 * 3 > 100:
        # ok: py-os-command-injection
        os.system("df -h " + mount)
    mount = "/"
    # ok: py-os-command-injection
    return {"df": subprocess.getoutput("df -h " + mount)}


@app.route("/tools/report", methods=["POST"])
def report():
    job = {"name": request.form["name"], "cmd": "make report"}
    # ok: py-os-command-injection
    os.system(job["cmd"])
    # ok: py-os-command-injection
    result = subprocess.run(["echo", job["name"]], capture_output=True, text=True, check=False)
    return result.stdout
