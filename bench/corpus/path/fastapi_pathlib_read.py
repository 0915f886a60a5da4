# label: vulnerable
# A FastAPI path parameter is combined with a base Path using `/` and read with read_text().
from pathlib import Path

from fastapi import FastAPI

app = FastAPI()
TEMPLATES = Path("/srv/email-templates")


@app.get("/templates/{name}")
def get_template(name: str):
    return {"body": (TEMPLATES / name).read_text()}
