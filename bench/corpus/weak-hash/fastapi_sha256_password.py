# label: vulnerable
# A single SHA-256 pass is used to hash passwords; it is far too fast to resist offline guessing.
import hashlib

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
USERS = {}


class Signup(BaseModel):
    username: str
    password: str


@app.post("/signup")
def signup(body: Signup):
    USERS[body.username] = hashlib.sha256(body.password.encode()).hexdigest()
    return {"created": body.username}
