# label: vulnerable
# The Flask development server is bound to 0.0.0.0, exposing it on every network interface.
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "internal admin"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
