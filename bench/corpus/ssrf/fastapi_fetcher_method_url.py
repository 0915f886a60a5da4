# label: vulnerable
# Held-out: a fetcher object's method requests whatever URL the query parameter names.
import httpx
from fastapi import FastAPI

app = FastAPI()


class Fetcher:
    def __init__(self):
        self.client = httpx.Client(timeout=5)

    def fetch(self, url):
        return self.client.get(url).text


@app.get("/fetch")
def fetch(target: str):
    return {"body": Fetcher().fetch(target)[:200]}
