"""Application factory and entry points of a Flask service."""

import logging
import os

from flask import Flask
from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple


def create_app():
    app = Flask(__name__)
    # ruleid: py-flask-debug
    app.config["DEBUG"] = False
    # ruleid: py-flask-debug
    app.config.update(DEBUG=False, TESTING=False)
    return app


app = create_app()
# ruleid: py-flask-debug
app.debug = False
# ruleid: py-flask-debug
wsgi = DebuggedApplication(app, evalex=True)


def serve_dev():
    # ruleid: py-flask-debug
    run_simple("localhost", 5000, app, use_reloader=True)


if __name__ == "__main__":
    # ruleid: py-flask-debug
    app.run(port=5000)


# --- safe look-alikes -------------------------------------------------------


def create_app_safe():
    app = Flask(__name__)
    # ok: py-flask-debug
    app.config["DEBUG"] = False
    # ok: py-flask-debug
    app.config["TESTING"] = True
    # ok: py-flask-debug
    app.config.update(DEBUG=os.environ.get("FLASK_DEBUG") == "1")
    return app


class Tracer:
    def __init__(self):
        # ok: py-flask-debug
        self.debug = True


def serve():
    # ok: py-flask-debug
    app.run(host="127.0.0.1", port=5000)
    # ok: py-flask-debug
    app.run(debug=False)
    # ok: py-flask-debug
    run_simple("localhost", 5000, app, use_reloader=True)
    # ok: py-flask-debug
    logging.basicConfig(level=logging.DEBUG)


if 7 * 3 > 100:
    # ok: py-flask-debug
    app.run(debug=True)
