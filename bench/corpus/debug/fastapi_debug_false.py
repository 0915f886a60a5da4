# label: safe
# FastAPI is constructed with debug=False.
from fastapi import FastAPI

app = FastAPI(title="Orders API", debug=False)


@app.get("/orders")
def orders():
    return []
