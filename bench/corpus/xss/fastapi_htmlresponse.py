# label: vulnerable
# A FastAPI query parameter is placed into an HTMLResponse without escaping.
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/welcome", response_class=HTMLResponse)
def welcome(user: str = "guest"):
    return HTMLResponse(content=f"<html><body>Welcome back, {user}</body></html>")
