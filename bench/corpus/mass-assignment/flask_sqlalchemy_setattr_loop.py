# label: vulnerable
# Every JSON key is copied onto the SQLAlchemy User with setattr, including role and is_admin.
from flask import Flask, g, request

from .models import User, db

app = Flask(__name__)


@app.patch("/api/me")
def update_me():
    user = db.session.get(User, g.user_id)
    for key, value in request.get_json().items():
        setattr(user, key, value)
    db.session.commit()
    return {"ok": True}
