# label: safe
# Held-out: the page size from the query string is converted to int and clamped before it is stored.
from fastapi import FastAPI, Request

app = FastAPI()


@app.get("/prefs/page-size")
def page_size(request: Request):
    size = min(int(request.query_params.get("size", "20")), 100)
    request.session["page_size"] = size
    return {"page_size": size}
