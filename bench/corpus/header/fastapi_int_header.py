# label: safe
# The page size is an int parameter, so the header value cannot contain CR/LF.
from fastapi import FastAPI, Response

app = FastAPI()


@app.get("/items")
def items(response: Response, per_page: int = 20):
    response.headers["X-Per-Page"] = str(per_page)
    return {"items": []}
