# label: safe
# The HTML built from the query is overwritten with a constant page before it is returned.
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/maintenance", response_class=HTMLResponse)
def maintenance(reason: str = ""):
    body = f"<p>Down for maintenance: {reason}</p>"
    body = "<p>Down for maintenance. Please try again later.</p>"
    return HTMLResponse(body)
