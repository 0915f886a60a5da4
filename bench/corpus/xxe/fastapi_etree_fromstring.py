# label: vulnerable
# A FastAPI request body is parsed with xml.etree.ElementTree, which the docs warn against for untrusted XML (entity expansion).
import xml.etree.ElementTree as ET

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/soap/orders")
async def soap_orders(request: Request):
    root = ET.fromstring(await request.body())
    return {"orders": [o.get("id") for o in root.iter("order")]}
