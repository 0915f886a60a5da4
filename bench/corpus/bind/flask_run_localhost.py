# label: safe
# The development server binds to 127.0.0.1 only.
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "internal admin"


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
