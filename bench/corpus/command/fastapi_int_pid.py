# label: safe
# The pid is converted with int() before being formatted into the kill command.
import os

from fastapi import FastAPI

app = FastAPI()


@app.post("/jobs/{pid}/stop")
def stop_job(pid: str):
    os.system(f"kill -TERM {int(pid)}")
    return {"stopped": int(pid)}
