# label: safe
# requests.get goes to a constant API URL; the request value is not used in the URL.
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/rates")
def rates():
    currency = request.args.get("currency", "EUR")
    data = requests.get("https://api.exchange.example.com/v1/latest", timeout=5).json()
    return {"rate": data["rates"].get(currency)}
