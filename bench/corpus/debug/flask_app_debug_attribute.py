# label: vulnerable
# Debug mode is switched on by setting app.debug before running the server.
from flask import Flask

app = Flask(__name__)
app.debug = True


@app.route("/health")
def health():
    return {"ok": True}


if __name__ == "__main__":
    app.run(port=8000)
