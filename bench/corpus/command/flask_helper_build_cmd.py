# label: vulnerable
# A JSON field flows through a command-building helper into subprocess.Popen with shell=True.
import subprocess

from flask import Flask, request

app = Flask(__name__)


def archive_command(project):
    return "tar czf /backups/{0}.tgz /srv/projects/{0}".format(project)


@app.post("/backup")
def backup():
    project = request.json["project"]
    proc = subprocess.Popen(archive_command(project), shell=True)
    proc.wait()
    return {"exit": proc.returncode}
