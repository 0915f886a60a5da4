# label: safe
# The standard-library parser call is in a constant-false branch; the live branch uses defusedxml.
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as DET
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/soap/orders")
async def soap_orders(request: Request):
    body = await request.body()
    if 7 * 3 > 100:
        root = ET.fromstring(body)
    else:
        root = DET.fromstring(body)
    return {"orders": [o.get("id") for o in root.iter("order")]}
