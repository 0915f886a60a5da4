# label: safe
# The cookie is verified and decoded by itsdangerous' URLSafeSerializer, which uses signed JSON, not pickle.
from flask import Flask, request
from itsdangerous import BadSignature, URLSafeSerializer

app = Flask(__name__)
serializer = URLSafeSerializer(app.config.get("SECRET_KEY", "replace-me"), salt="layout")


@app.route("/dashboard")
def dashboard():
    try:
        layout = serializer.loads(request.cookies.get("layout", ""))
    except BadSignature:
        layout = []
    return {"widgets": layout}
