# label: vulnerable
# An untyped FastAPI JSON dict is unpacked into the SQLAlchemy model constructor.
from fastapi import Body, Depends, FastAPI
from sqlalchemy.orm import Session

from .db import get_session
from .models import Account

app = FastAPI()


@app.post("/accounts")
def create_account(payload: dict = Body(...), db: Session = Depends(get_session)):
    account = Account(**payload)
    db.add(account)
    db.commit()
    return {"id": account.id}
