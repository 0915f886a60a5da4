# label: safe
# verify=False only appears in a constant-false branch; the live client verifies certificates.
import httpx

if 7 * 3 > 100:
    client = httpx.Client(base_url="https://inventory.internal", verify=False)
else:
    client = httpx.Client(base_url="https://inventory.internal")


def stock(sku: int) -> dict:
    return client.get(f"/stock/{sku}").json()
