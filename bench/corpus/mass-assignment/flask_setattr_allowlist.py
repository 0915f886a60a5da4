# label: safe
# setattr is applied only to keys in an allow-list of editable profile fields.
from flask import Flask, g, request

from .models import User, db

app = Flask(__name__)
EDITABLE = {"display_name", "timezone", "avatar_url"}


@app.patch("/api/me")
def update_me():
    user = db.session.get(User, g.user_id)
    for key, value in request.get_json().items():
        if key in EDITABLE:
            setattr(user, key, value)
    db.session.commit()
    return {"ok": True}
