# label: safe
# The bind address comes from configuration and defaults to the loopback interface.
import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def index():
    return {"ok": True}


if __name__ == "__main__":
    uvicorn.run(app, host=os.environ.get("BIND_HOST", "127.0.0.1"), port=8000)
