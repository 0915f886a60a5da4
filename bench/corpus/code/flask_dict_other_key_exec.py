# label: safe
# The user value is stored under "title" while exec() receives the constant source stored under "source".
from flask import Flask, request

app = Flask(__name__)


@app.post("/jobs")
def create_job():
    job = {"title": request.form.get("title", ""), "source": "result = sum(range(10))"}
    scope = {}
    exec(job["source"], scope)
    return {"title": job["title"], "result": scope["result"]}
