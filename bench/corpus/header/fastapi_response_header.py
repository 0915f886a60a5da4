# label: vulnerable
# An incoming request header is reflected into an outgoing FastAPI response header.
from fastapi import FastAPI, Request, Response

app = FastAPI()


@app.get("/ping")
def ping(request: Request, response: Response):
    response.headers["X-Request-Id"] = request.headers.get("x-request-id", "")
    return {"pong": True}
