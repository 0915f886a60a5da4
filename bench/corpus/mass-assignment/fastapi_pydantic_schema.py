# label: safe
# The body is validated by a Pydantic schema that only declares safe fields before it is unpacked into the model.
from fastapi import Depends, FastAPI
from pydantic import BaseModel
from sqlalchemy.orm import Session

from .db import get_session
from .models import Account

app = FastAPI()


class AccountIn(BaseModel):
    name: str
    email: str


@app.post("/accounts")
def create_account(body: AccountIn, db: Session = Depends(get_session)):
    account = Account(**body.model_dump())
    db.add(account)
    db.commit()
    return {"id": account.id}
