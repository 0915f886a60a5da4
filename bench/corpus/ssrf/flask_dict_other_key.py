# label: safe
# The user value is stored under "label" and the fetched URL is read from the constant "endpoint" key.
import requests
from flask import Flask, request

app = Flask(__name__)


@app.post("/monitors")
def create_monitor():
    monitor = {"label": request.form["label"], "endpoint": "https://status.example.com/ping"}
    code = requests.head(monitor["endpoint"], timeout=3).status_code
    return {"label": monitor["label"], "code": code}
