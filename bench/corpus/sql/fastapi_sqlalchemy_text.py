# label: vulnerable
# The FastAPI query parameter `status` is concatenated into a SQLAlchemy text() clause.
from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_session

app = FastAPI()


@app.get("/orders")
def list_orders(status: str, db: Session = Depends(get_session)):
    query = text("SELECT id, total FROM orders WHERE status = '" + status + "' ORDER BY id")
    rows = db.execute(query).fetchall()
    return [{"id": r.id, "total": r.total} for r in rows]
