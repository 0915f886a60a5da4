# label: vulnerable
# The Flask SECRET_KEY that signs session cookies is a string literal committed in the source.
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "9f2c7d1e8b4a6f3e0d5c2b1a7e9f8d6c"


@app.route("/")
def index():
    return "ok"
