# label: vulnerable
# A FastAPI path parameter typed as str is embedded into SQL passed to an asyncpg-style connection.
import asyncpg
from fastapi import FastAPI

app = FastAPI()


@app.get("/tenants/{slug}/settings")
async def tenant_settings(slug: str):
    conn = await asyncpg.connect("postgresql://localhost/saas")
    try:
        row = await conn.fetchrow("SELECT settings FROM tenants WHERE slug = '%s'" % slug)
    finally:
        await conn.close()
    return {"settings": row["settings"] if row else None}
