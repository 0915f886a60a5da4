# label: vulnerable
# The FastAPI application is constructed with debug=True, which returns tracebacks to clients.
from fastapi import FastAPI

app = FastAPI(title="Orders API", debug=True)


@app.get("/orders")
def orders():
    return []
