# label: vulnerable
# A FastAPI query parameter is stored into the Starlette session (SessionMiddleware).
from fastapi import FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key="loaded-from-settings")


@app.get("/tenant/select")
def select_tenant(request: Request, tenant: str):
    request.session["tenant_id"] = tenant
    return {"tenant": tenant}
