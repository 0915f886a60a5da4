# label: safe
# The body is parsed with json.loads rather than eval, so it can only produce data.
import json

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/config/preview")
async def preview(request: Request):
    body = await request.body()
    config = json.loads(body)
    return {"keys": sorted(config)}
