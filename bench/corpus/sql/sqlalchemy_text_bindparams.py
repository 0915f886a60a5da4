# label: safe
# A SQLAlchemy text() clause uses a named `:email` placeholder and the value is supplied as a bound parameter.
from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_session

app = FastAPI()


@app.get("/accounts/by-email")
def account_by_email(email: str, db: Session = Depends(get_session)):
    stmt = text("SELECT id, plan FROM accounts WHERE email = :email")
    row = db.execute(stmt, {"email": email}).first()
    return {"id": row.id, "plan": row.plan} if row else {}
