# label: vulnerable
# A shared httpx client for an internal service is created with verify=False.
import httpx
from fastapi import FastAPI

app = FastAPI()
client = httpx.AsyncClient(base_url="https://inventory.internal", verify=False)


@app.get("/stock/{sku}")
async def stock(sku: int):
    resp = await client.get(f"/stock/{sku}")
    return resp.json()
