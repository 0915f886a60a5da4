# label: vulnerable
# The User-Agent header is logged with an f-string through the logging module.
import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("access")


@app.before_request
def log_agent():
    log.info(f"request from agent={request.headers.get('User-Agent')}")
