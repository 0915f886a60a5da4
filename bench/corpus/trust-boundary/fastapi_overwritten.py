# label: safe
# The query value is overwritten with a constant before being stored in the session.
from fastapi import FastAPI, Request

app = FastAPI()


@app.get("/onboarding/start")
def start(request: Request, step: str = "1"):
    value = step
    value = "welcome"
    request.session["onboarding_step"] = value
    return {"step": value}
