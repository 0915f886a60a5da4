# label: safe
# Passwords are hashed with PBKDF2-HMAC-SHA256 and 600,000 iterations with a random salt.
import hashlib
import os

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
USERS = {}


class Signup(BaseModel):
    username: str
    password: str


@app.post("/signup")
def signup(body: Signup):
    salt = os.urandom(16)
    USERS[body.username] = (salt, hashlib.pbkdf2_hmac("sha256", body.password.encode(), salt, 600_000))
    return {"created": body.username}
