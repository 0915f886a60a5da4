# label: vulnerable
# Flask-WTF CSRF protection is globally disabled through WTF_CSRF_ENABLED = False.
from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
app.config["WTF_CSRF_ENABLED"] = False
csrf = CSRFProtect(app)


@app.post("/settings/email")
def change_email():
    return {"ok": True}
