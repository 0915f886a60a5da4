# label: safe
# assert is used inside a pytest test, which is its intended purpose.
from django.test import Client


def test_invoice_requires_login():
    client = Client()
    response = client.get("/invoices/1/")
    assert response.status_code == 302
    assert "/login" in response["Location"]
