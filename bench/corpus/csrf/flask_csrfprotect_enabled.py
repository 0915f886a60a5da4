# label: safe
# CSRFProtect is enabled and WTF_CSRF_ENABLED is explicitly True.
from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["WTF_CSRF_ENABLED"] = True
csrf = CSRFProtect(app)


@app.post("/settings/email")
def change_email():
    return {"ok": True}
