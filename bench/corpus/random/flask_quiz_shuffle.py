# label: safe
# random.shuffle only randomises the display order of quiz questions, which is not security-sensitive.
import random

from flask import Flask

app = Flask(__name__)
QUESTIONS = ["What is 2+2?", "Capital of France?", "Largest planet?", "H2O is?"]


@app.route("/quiz")
def quiz():
    questions = QUESTIONS[:]
    random.shuffle(questions)
    return {"questions": questions}
