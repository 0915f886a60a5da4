# label: safe
# The redirect goes to a constant URL; the query parameter is only logged as a count.
from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/old-dashboard")
def old_dashboard(source: str = ""):
    return RedirectResponse(url="/dashboard", status_code=301, headers={"X-Source-Len": str(len(source))})
