# label: safe
# The request chooses a key of a constant mapping of partner URLs; unknown keys fall back to the home page.
from flask import Flask, redirect, request

app = Flask(__name__)
PARTNERS = {"docs": "https://docs.example.com", "status": "https://status.example.com"}


@app.route("/go")
def go():
    return redirect(PARTNERS.get(request.args.get("to", ""), "/"))
