# label: vulnerable
# A FastAPI query value is matched by (\d+)*x, which backtracks exponentially on long digit strings.
import re

from fastapi import FastAPI

app = FastAPI()


@app.get("/parse")
def parse(q: str):
    return {"match": bool(re.search(r"^(\d+)*x$", q))}
