# label: safe
# Held-out: asyncpg pool query with a $1 placeholder and the value as an argument.
import asyncpg
from fastapi import FastAPI

app = FastAPI()
POOL = None


@app.on_event("startup")
async def startup():
    global POOL
    POOL = await asyncpg.create_pool("postgresql://localhost/shop")


@app.get("/items/{item_id}")
async def item(item_id: str):
    rows = await POOL.fetch("SELECT name FROM items WHERE id = $1", item_id)
    return {"names": [r["name"] for r in rows]}
