# label: vulnerable
# A payment API is called with requests and verify=False, disabling certificate validation.
import os

import requests

API = "https://payments.example.com/v1/charges"


def charge(amount_cents: int, token: str) -> dict:
    resp = requests.post(API, json={"amount": amount_cents, "source": token},
                         headers={"Authorization": "Bearer " + os.environ["PAY_KEY"]}, verify=False, timeout=10)
    return resp.json()
