# label: vulnerable
# A FastAPI webhook-test endpoint posts to a user-supplied URL with httpx.AsyncClient.
import httpx
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Hook(BaseModel):
    target: str


@app.post("/webhooks/test")
async def test_webhook(hook: Hook):
    async with httpx.AsyncClient() as client:
        resp = await client.post(hook.target, json={"event": "ping"})
    return {"status": resp.status_code}
