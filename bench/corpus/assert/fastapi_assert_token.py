# label: vulnerable
# An API key header is compared with assert, so the check vanishes with optimisation enabled.
import os

from fastapi import FastAPI, Header

app = FastAPI()


@app.post("/internal/reindex")
def reindex(x_api_key: str = Header()):
    assert x_api_key == os.environ["INTERNAL_API_KEY"]
    return {"queued": True}
