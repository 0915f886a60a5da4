import jinja2
from django.template import Engine
from flask import Flask, request
from jinja2 import Environment, FileSystemLoader, PackageLoader, StrictUndefined, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

app = Flask(__name__)

# ruleid: py-jinja2-autoescape-disabled
env = Environment(loader=FileSystemLoader("templates"))

# ruleid: py-jinja2-autoescape-disabled
emails = jinja2.Environment(loader=PackageLoader("shop", "templates/email"), autoescape=False)

# ruleid: py-jinja2-autoescape-disabled
sandbox = SandboxedEnvironment(loader=FileSystemLoader("user_themes"))


@app.route("/hello")
def hello():
    # ruleid: py-jinja2-autoescape-disabled
    page = Template("<h1>Hello {{ name }}</h1>")
    return page.render(name=request.args.get("name", "world"))


def create_app():
    application = Flask(__name__)
    # ruleid: py-jinja2-autoescape-disabled
    application.jinja_env.autoescape = False
    return application


TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": ["templates"],
        "OPTIONS": {
            # ruleid: py-jinja2-autoescape-disabled
            "autoescape": False,
            "context_processors": ["django.template.context_processors.request"],
        },
    },
]

# ruleid: py-jinja2-autoescape-disabled
django_engine = Engine(dirs=["templates"], autoescape=False)


# --- safe look-alikes ---------------------------------------------------------

# ok: py-jinja2-autoescape-disabled
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))

# ok: py-jinja2-autoescape-disabled
always_escaped = jinja2.Environment(loader=FileSystemLoader("templates"), autoescape=True)

# ok: py-jinja2-autoescape-disabled
sql_env = Environment(loader=FileSystemLoader("queries/sql"), undefined=StrictUndefined)


def plain_greeting(name):
    # ok: py-jinja2-autoescape-disabled
    return Template("Hello {{ name }}, your order has shipped.").render(name=name)


def html_snippet(name):
    # ok: py-jinja2-autoescape-disabled
    return Template("<b>{{ name }}</b>", autoescape=True).render(name=name)


def configured_env(options):
    # ok: py-jinja2-autoescape-disabled
    return Environment(**options)


def create_hardened_app():
    application = Flask(__name__)
    # ok: py-jinja2-autoescape-disabled
    application.jinja_env.autoescape = True
    # ok: py-jinja2-autoescape-disabled
    application.jinja_env.trim_blocks = False
    return application


# ok: py-jinja2-autoescape-disabled
strict_engine = Engine(dirs=["templates"], debug=False)
