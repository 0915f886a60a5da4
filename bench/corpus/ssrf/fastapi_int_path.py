# label: safe
# The repository id is typed as int, so only a number is placed in the path of a fixed-host URL.
import httpx
from fastapi import FastAPI

app = FastAPI()


@app.get("/repos/{repo_id}/stars")
async def stars(repo_id: int):
    async with httpx.AsyncClient() as client:
        resp = await client.get(f"https://api.github.com/repositories/{repo_id}")
    return {"stars": resp.json().get("stargazers_count")}
