# label: vulnerable
# A FastAPI query parameter is formatted into a command read through os.popen.
import os

from fastapi import FastAPI

app = FastAPI()


@app.get("/dns")
def dns_lookup(domain: str):
    output = os.popen(f"nslookup {domain}").read()
    return {"output": output}
