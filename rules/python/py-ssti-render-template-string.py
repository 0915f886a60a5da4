from django.http import HttpResponse
from django.template import Context, Template, engines
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, render_template, render_template_string, request
from jinja2 import Environment
from jinja2.sandbox import ImmutableSandboxedEnvironment

app = Flask(__name__)
api = FastAPI()
env = Environment(autoescape=True)
sandbox = ImmutableSandboxedEnvironment(autoescape=True)
GREETING = "<h1>Hello {{ name }}!</h1>"


@app.route("/hello")
def hello():
    name = request.args.get("name", "stranger")
    # ruleid: py-ssti-render-template-string
    return render_template_string("<h1>Hello " + name + "!</h1>")


@app.route("/error")
def error_page():
    template = """
    <h1>Oops</h1>
    <p>The page %s could not be found.</p>
    """ % request.path
    # ruleid: py-ssti-render-template-string
    return render_template_string(template), 404


@app.route("/mail/preview", methods=["POST"])
def mail_preview():
    body = request.form["body"]
    # ruleid: py-ssti-render-template-string
    return env.from_string(body).render(user="alice")


def signature(request):
    sig = request.POST.get("signature", "")
    # ruleid: py-ssti-render-template-string
    tpl = Template("<div class='sig'>" + sig + "</div>")
    return HttpResponse(tpl.render(Context({"user": request.user})))


def greeting(request, name):
    # ruleid: py-ssti-render-template-string
    tpl = engines["django"].from_string(f"<p>Welcome back, {name}</p>")
    return HttpResponse(tpl.render({}, request))


@api.get("/render/{title}", response_class=HTMLResponse)
def render_title(title: str):
    # ruleid: py-ssti-render-template-string
    return Environment().from_string("<title>{}</title>".format(title)).render()


# ---- safe near-misses -------------------------------------------------------


@app.route("/hello-safe")
def hello_safe():
    # ok: py-ssti-render-template-string
    return render_template_string("<h1>Hello {{ name }}!</h1>", name=request.args.get("name", ""))


@app.route("/hello-const")
def hello_const():
    # ok: py-ssti-render-template-string
    return render_template_string(GREETING, name=request.args.get("name", ""))


@app.route("/hello-file")
def hello_file():
    # ok: py-ssti-render-template-string
    return render_template("hello.html", name=request.args.get("name", ""))


def signature_safe(request):
    # ok: py-ssti-render-template-string
    tpl = Template("<div class='sig'>{{ sig }}</div>")
    return HttpResponse(tpl.render(Context({"sig": request.POST.get("signature", "")})))


@app.route("/mail/preview-sandboxed", methods=["POST"])
def mail_preview_sandboxed():
    # ok: py-ssti-render-template-string
    return sandbox.from_string(request.form["body"]).render(user="alice")


@app.route("/page")
def page():
    number = int(request.args.get("page", "1"))
    # ok: py-ssti-render-template-string
    return render_template_string("<p>Page %d of {{ total }}</p>" % number, total=10)


@app.route("/debug")
def debug():
    snippet = request.args.get("tpl", "")
    if 7 * 3 > 100:
        # ok: py-ssti-render-template-string
        render_template_string(snippet)
    snippet = "<p>{{ now }}</p>"
    options = {"tpl": request.args.get("tpl", ""), "layout": "<main>{{ body }}</main>"}
    # ok: py-ssti-render-template-string
    return render_template_string(snippet + options["layout"], now="today", body="")
