# label: vulnerable
# The Flask app is started with debug=True, exposing the Werkzeug debugger console.
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hello"


if __name__ == "__main__":
    app.run(debug=True)
