# label: safe
# Held-out: a helper escapes the title before formatting it into HTML.
import html

from flask import Flask, request

app = Flask(__name__)


def card(title):
    return "<h2>{}</h2>".format(html.escape(title))


@app.route("/card")
def show_card():
    return card(request.args.get("t", ""))
