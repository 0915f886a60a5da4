# label: safe
# The username is percent-encoded with quote(safe="") and placed in the path of a fixed host, so it cannot change the host.
from urllib.parse import quote

import requests
from fastapi import FastAPI

app = FastAPI()


@app.get("/gravatar/{username}")
def profile(username: str):
    resp = requests.get(f"https://profiles.example.com/users/{quote(username, safe='')}", timeout=5)
    return resp.json()
