# label: vulnerable
# A cookie-authenticated password-change view is excluded from CSRFProtect with @csrf.exempt.
from flask import Flask, g, request
from flask_login import login_required
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
csrf = CSRFProtect(app)


@app.post("/account/password")
@csrf.exempt
@login_required
def change_password():
    g.user.set_password(request.form["new_password"])
    return {"ok": True}
