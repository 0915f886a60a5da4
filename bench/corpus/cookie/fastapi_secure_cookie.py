# label: safe
# The Starlette cookie is set with secure=True, httponly=True and samesite="strict".
import uuid

from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/session")
def create_session(response: Response):
    response.set_cookie(key="sid", value=uuid.uuid4().hex, secure=True, httponly=True, samesite="strict")
    return {"created": True}
