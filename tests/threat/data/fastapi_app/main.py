"""A small FastAPI app used as test data for `threatmark threat-model init/check`."""

import os

import psycopg
from fastapi import APIRouter, Depends, FastAPI

app = FastAPI()
router = APIRouter(prefix="/items")
API_TOKEN = os.environ.get("PAYMENT_API_TOKEN")


def get_current_user():
    return "user"


@app.get("/health")
def health():
    return {"ok": True}


@router.get("/{item_id}")
async def read_item(item_id: int):
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        return conn.execute("SELECT * FROM items WHERE id = %s", (item_id,)).fetchone()


@router.post("/")
async def create_item(name: str, user: str = Depends(get_current_user)):
    return {"name": name, "owner": user}


app.include_router(router)
