# label: safe
# requests is called with verify=True (certificate validation on).
import os

import requests

API = "https://payments.example.com/v1/charges"


def charge(amount_cents: int, token: str) -> dict:
    resp = requests.post(API, json={"amount": amount_cents, "source": token},
                         headers={"Authorization": "Bearer " + os.environ["PAY_KEY"]}, verify=True, timeout=10)
    return resp.json()
