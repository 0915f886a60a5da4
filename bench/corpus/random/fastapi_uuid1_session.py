# label: vulnerable
# Session identifiers are uuid1 values, which are derived from time and the host MAC and are guessable.
import uuid

from fastapi import FastAPI, Response

app = FastAPI()
SESSIONS = {}


@app.post("/login")
def login(response: Response):
    session_id = str(uuid.uuid1())
    SESSIONS[session_id] = {"user": "alice"}
    response.set_cookie("sid", session_id, secure=True, httponly=True)
    return {"ok": True}
