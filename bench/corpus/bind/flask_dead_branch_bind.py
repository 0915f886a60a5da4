# label: safe
# The all-interfaces bind is in a constant-false branch.
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hi"


if __name__ == "__main__":
    if 7 * 3 > 100:
        app.run(host="0.0.0.0")
    else:
        app.run(host="127.0.0.1")
