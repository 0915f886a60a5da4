# label: vulnerable
# The DEBUG config key is set to True on the Flask application object.
from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = True
app.config["PROPAGATE_EXCEPTIONS"] = True


@app.route("/")
def index():
    return "home"
