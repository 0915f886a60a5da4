# label: vulnerable
# Hard case: each expression in a query list is evaluated inside a list comprehension.
from typing import List

from fastapi import FastAPI, Query

app = FastAPI()


@app.get("/batch")
def batch(exprs: List[str] = Query(default=[])):
    results = [eval(e) for e in exprs]
    return {"results": results}
