# label: vulnerable
# A password-reset token is built with random.choice, a predictable Mersenne Twister generator.
import random
import string

from flask import Flask, request

from .mail import send_reset_mail

app = Flask(__name__)


@app.post("/password/forgot")
def forgot():
    token = "".join(random.choice(string.ascii_letters + string.digits) for _ in range(32))
    send_reset_mail(request.form["email"], token)
    return {"sent": True}
