# label: vulnerable
# Invitation codes that grant account access come from random.choices.
import random
import string

from flask import Flask

app = Flask(__name__)
INVITES = set()


@app.post("/admin/invites")
def create_invite():
    code = "".join(random.choices(string.ascii_uppercase + string.digits, k=12))
    INVITES.add(code)
    return {"invite": code}
