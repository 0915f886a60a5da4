# label: vulnerable
# Hard case: the header value is kept on a class instance and a method later uses it in a shell command.
import subprocess

from flask import Flask, request

app = Flask(__name__)


class GitRunner:
    def __init__(self, ref):
        self.ref = ref

    def log(self):
        return subprocess.check_output(f"git log --oneline -n 5 {self.ref}", shell=True, text=True)


@app.route("/changes")
def changes():
    runner = GitRunner(request.headers.get("X-Git-Ref", "HEAD"))
    return {"log": runner.log()}
