# label: safe
# The path value is converted with int() before being formatted into the SQL, so only digits can reach the query.
import sqlite3

from fastapi import FastAPI

app = FastAPI()


@app.get("/items/{item_id}")
def get_item(item_id: str):
    conn = sqlite3.connect("inventory.db")
    row = conn.execute(f"SELECT name, qty FROM items WHERE id = {int(item_id)}").fetchone()
    conn.close()
    return {"name": row[0], "qty": row[1]} if row else {}
