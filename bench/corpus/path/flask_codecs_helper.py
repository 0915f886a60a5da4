# label: vulnerable
# The log name flows through a helper that builds the path into codecs.open.
import codecs

from flask import Flask, request

app = Flask(__name__)


def log_path(name):
    return "/var/log/app/%s.log" % name


def tail(name, lines=50):
    with codecs.open(log_path(name), "r", "utf-8") as fh:
        return fh.readlines()[-lines:]


@app.route("/logs")
def logs():
    return {"lines": tail(request.args.get("service", "web"))}
