# label: safe
# The FastAPI parameter is declared as int, so only a number reaches the XPath position predicate.
from fastapi import FastAPI
from lxml import etree

app = FastAPI()
DOC = etree.parse("/srv/chapters.xml")


@app.get("/chapters/{index}")
def chapter(index: int):
    titles = DOC.xpath(f"//chapter[{index}]/title/text()")
    return {"title": str(titles[0]) if titles else None}
