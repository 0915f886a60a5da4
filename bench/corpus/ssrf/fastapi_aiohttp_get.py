# label: vulnerable
# A FastAPI query parameter is fetched with an aiohttp ClientSession.
import aiohttp
from fastapi import FastAPI

app = FastAPI()


@app.get("/proxy")
async def proxy(src: str):
    async with aiohttp.ClientSession() as session:
        async with session.get(src) as resp:
            return {"status": resp.status, "body": (await resp.text())[:200]}
