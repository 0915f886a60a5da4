# label: safe
# The admin check raises a 403 with abort(), which is not removed by python -O.
from flask import Flask, abort, g

app = Flask(__name__)


@app.post("/admin/users/<int:user_id>/delete")
def delete_user(user_id):
    if not g.user.is_admin:
        abort(403)
    g.db.delete_user(user_id)
    return {"deleted": user_id}
