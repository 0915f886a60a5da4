# label: vulnerable
# A query parameter is matched against ^(a+)+$ style nested quantifiers, which backtrack exponentially.
import re

from flask import Flask, request

app = Flask(__name__)


@app.route("/validate/code")
def validate_code():
    code = request.args.get("code", "")
    return {"valid": re.match(r"^([a-z0-9]+)+$", code) is not None}
