# label: vulnerable
# A FastAPI query parameter is formatted into an etree.XPath object that is then evaluated.
from fastapi import FastAPI
from lxml import etree

app = FastAPI()
DOC = etree.parse("/srv/employees.xml")


@app.get("/employees")
def employees(department: str):
    find = etree.XPath("//employee[department='%s']/email/text()" % department)
    return {"emails": [str(e) for e in find(DOC)]}
