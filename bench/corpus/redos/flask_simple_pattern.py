# label: safe
# The username pattern is linear (a single bounded character class), so input length cannot blow up matching time.
import re

from flask import Flask, request

app = Flask(__name__)


@app.route("/validate/username")
def validate_username():
    name = request.args.get("name", "")
    return {"valid": re.fullmatch(r"[a-z0-9_]{3,32}", name) is not None}
