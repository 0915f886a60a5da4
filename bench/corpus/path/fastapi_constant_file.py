# label: safe
# The file read is a constant; the query parameter only filters lines in memory.
from pathlib import Path

from fastapi import FastAPI

app = FastAPI()


@app.get("/changelog")
def changelog(contains: str = ""):
    lines = Path("/srv/app/CHANGELOG.md").read_text().splitlines()
    return {"lines": [line for line in lines if contains in line]}
