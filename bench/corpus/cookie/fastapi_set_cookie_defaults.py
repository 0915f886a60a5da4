# label: vulnerable
# Starlette's set_cookie defaults to secure=False and httponly=False, and neither is overridden for the session id.
import uuid

from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/session")
def create_session(response: Response):
    response.set_cookie(key="sid", value=uuid.uuid4().hex)
    return {"created": True}
