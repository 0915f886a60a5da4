# label: safe
# A helper in the same file quotes every argument with shlex.quote before the shell command is assembled.
import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


def shell_line(*parts):
    return " ".join(shlex.quote(p) for p in parts)


@app.post("/convert")
def convert():
    src = request.form["source"]
    dst = request.form["target"]
    subprocess.run(shell_line("ffmpeg", "-i", src, dst), shell=True, check=True)
    return {"ok": True}
