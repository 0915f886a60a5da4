# label: safe
# Session ids use uuid4, which is drawn from os.urandom.
import uuid

from fastapi import FastAPI, Response

app = FastAPI()
SESSIONS = {}


@app.post("/login")
def login(response: Response):
    session_id = str(uuid.uuid4())
    SESSIONS[session_id] = {"user": "alice"}
    response.set_cookie("sid", session_id, secure=True, httponly=True)
    return {"ok": True}
