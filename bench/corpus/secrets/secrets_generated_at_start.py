# label: safe
# The signing key is generated randomly at start-up with secrets.token_hex.
import secrets

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=secrets.token_hex(32))


@app.get("/")
def index():
    return {"ok": True}
