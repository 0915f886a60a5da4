from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Blueprint, Flask, jsonify
from flask_cors import CORS, cross_origin
from starlette.applications import Starlette
from starlette.middleware import Middleware

app = Flask(__name__)
# ruleid: py-cors-wildcard
CORS(app, supports_credentials=True)

api_bp = Blueprint("api", __name__)
# ruleid: py-cors-wildcard
CORS(api_bp, origins="*", supports_credentials=True)

admin_bp = Blueprint("admin", __name__)
# ruleid: py-cors-wildcard
CORS(admin_bp, resources={r"/admin/*": {"origins": "*"}}, supports_credentials=True)


@app.route("/me")
# ruleid: py-cors-wildcard
@cross_origin(origins=["*"], supports_credentials=True)
def me():
    return jsonify(email="alice@example.com")


fastapi_app = FastAPI()
# ruleid: py-cors-wildcard
fastapi_app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

middleware = [
    # ruleid: py-cors-wildcard
    Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True),
]
starlette_app = Starlette(middleware=middleware)

# django-cors-headers settings (this module doubles as settings.py)
# ruleid: py-cors-wildcard
CORS_ALLOW_ALL_ORIGINS = True
# ok: py-cors-wildcard
CORS_ALLOW_CREDENTIALS = True
# ok: py-cors-wildcard
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

# --- safe look-alikes ---------------------------------------------------------

public = Flask("public")
# ok: py-cors-wildcard
CORS(public)

partner = Flask("partner")
# ok: py-cors-wildcard
CORS(partner, origins=["https://app.example.com"], supports_credentials=True)

reports = Blueprint("reports", __name__)
# ok: py-cors-wildcard
CORS(reports, resources={r"/reports/*": {"origins": ["https://bi.example.com"]}}, supports_credentials=True)

open_api = FastAPI()
# ok: py-cors-wildcard
open_api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])

spa_api = FastAPI()
# ok: py-cors-wildcard
spa_api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)


def cors_options(origins):
    # ok: py-cors-wildcard
    return CORS(app, origins=origins, supports_credentials=True)
