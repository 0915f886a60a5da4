import os

import fastapi
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.routing import Route

DEV = os.environ.get("APP_ENV") == "development"

# ruleid: py-asgi-debug
app = FastAPI(title="Orders API", debug=True)

# ruleid: py-asgi-debug
admin = fastapi.FastAPI(debug=True, docs_url=None)

# ruleid: py-asgi-debug
site = Starlette(debug=True, routes=[Route("/", lambda request: None)])

# ruleid: py-asgi-debug
legacy = FastAPI(debug=1)

# ruleid: py-asgi-debug
wrapped = ServerErrorMiddleware(site, debug=True)


def create_app():
    # ruleid: py-asgi-debug
    return FastAPI(openapi_url="/openapi.json", debug=True)


# --- safe look-alikes -------------------------------------------------------

# ok: py-asgi-debug
api = FastAPI(title="Orders API", debug=False)

# ok: py-asgi-debug
plain = FastAPI(title="Orders API")

# ok: py-asgi-debug
dev_only = FastAPI(debug=DEV)

# ok: py-asgi-debug
quiet = Starlette(debug=False)

# ok: py-asgi-debug
safe_wrapped = ServerErrorMiddleware(quiet)


def render(debug=True):
    return debug


# ok: py-asgi-debug
render(debug=True)
