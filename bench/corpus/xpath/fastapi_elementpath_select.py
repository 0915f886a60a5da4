# label: vulnerable
# Held-out: a FastAPI query parameter is formatted into an elementpath expression.
import xml.etree.ElementTree as ET

import elementpath
from fastapi import FastAPI

app = FastAPI()
ROOT = ET.parse("/srv/app/catalog.xml").getroot()


@app.get("/items")
def items(sku: str):
    found = elementpath.select(ROOT, f"//item[@sku='{sku}']/name/text()")
    return {"names": found}
