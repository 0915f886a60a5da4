# label: safe
# A sanitising helper in the file validates the expression with a strict digits-and-operators regex before eval().
import re

from fastapi import FastAPI, HTTPException

app = FastAPI()
ARITH = re.compile(r"[0-9+\-*/ ().]{1,64}")


def checked(expr):
    if not ARITH.fullmatch(expr):
        raise HTTPException(status_code=400, detail="bad expression")
    return expr


@app.get("/calc")
def calc(expr: str):
    return {"result": eval(checked(expr), {"__builtins__": {}})}
