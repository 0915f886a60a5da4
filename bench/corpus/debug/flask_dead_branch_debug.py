# label: safe
# debug=True is passed only in a constant-false branch.
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hello"


if __name__ == "__main__":
    if 7 * 3 > 100:
        app.run(debug=True)
    else:
        app.run()
