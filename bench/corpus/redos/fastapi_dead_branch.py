# label: safe
# The catastrophic pattern is only used in a constant-false branch; the live branch uses a linear pattern.
import re

from fastapi import FastAPI

app = FastAPI()


@app.get("/parse")
def parse(q: str):
    if 7 * 3 > 100:
        return {"match": bool(re.search(r"^(\d+)*x$", q))}
    return {"match": bool(re.fullmatch(r"\d{1,20}x", q))}
