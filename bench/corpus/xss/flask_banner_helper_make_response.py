# label: vulnerable
# Held-out: a helper %-formats the message into HTML and the view wraps it with make_response.
from flask import Flask, make_response, request

app = Flask(__name__)


def render_banner(message):
    return "<div class='banner'>%s</div>" % message


@app.route("/banner")
def banner():
    return make_response(render_banner(request.args.get("m", "")))
