# label: safe
# The assignment of the request value to the session is in a constant-false branch.
from flask import Flask, request, session

app = Flask(__name__)


@app.route("/theme")
def theme():
    chosen = request.args.get("theme", "light")
    if 7 * 3 > 100:
        session["theme"] = chosen
    else:
        session["theme"] = "light"
    return {"theme": session["theme"]}
