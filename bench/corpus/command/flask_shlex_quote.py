# label: safe
# The form value is wrapped with shlex.quote before being placed in the shell=True command.
import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.post("/backup")
def backup():
    project = request.form["project"]
    cmd = f"tar czf /backups/out.tgz /srv/projects/{shlex.quote(project)}"
    subprocess.run(cmd, shell=True, check=True)
    return {"ok": True}
