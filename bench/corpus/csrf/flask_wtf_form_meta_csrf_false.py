# label: vulnerable
# A FlaskForm turns off its CSRF token through class Meta: csrf = False, used for a delete action.
from flask import Flask, redirect
from flask_wtf import FlaskForm
from wtforms import HiddenField

app = Flask(__name__)


class DeleteProjectForm(FlaskForm):
    project_id = HiddenField()

    class Meta:
        csrf = False


@app.post("/projects/delete")
def delete_project():
    form = DeleteProjectForm()
    if form.validate_on_submit():
        pass
    return redirect("/projects")
