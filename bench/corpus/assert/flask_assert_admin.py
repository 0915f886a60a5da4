# label: vulnerable
# Access to the admin endpoint is enforced only by assert, which is removed under python -O.
from flask import Flask, g

app = Flask(__name__)


@app.post("/admin/users/<int:user_id>/delete")
def delete_user(user_id):
    assert g.user.is_admin, "admins only"
    g.db.delete_user(user_id)
    return {"deleted": user_id}
