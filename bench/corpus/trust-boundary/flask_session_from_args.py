# label: vulnerable
# A query parameter is stored as the session's user name, mixing untrusted data into trusted session state.
from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = b"set-from-env-in-production"


@app.route("/remember")
def remember():
    session["username"] = request.args.get("username")
    return {"ok": True}
