# label: safe
# A FlaskForm with default settings includes and validates a CSRF token.
from flask import Flask, redirect
from flask_wtf import FlaskForm
from wtforms import HiddenField

app = Flask(__name__)


class DeleteProjectForm(FlaskForm):
    project_id = HiddenField()


@app.post("/projects/delete")
def delete_project():
    form = DeleteProjectForm()
    if form.validate_on_submit():
        pass
    return redirect("/projects")
