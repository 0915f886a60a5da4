from django import template
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape as django_escape
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from flask import Flask, render_template, request
from markupsafe import Markup, escape

from pages.models import Page

app = Flask(__name__)
register = template.Library()


@app.route("/banner")
def banner():
    msg = request.args.get("msg", "")
    # ruleid: py-xss-markup
    return render_template("base.html", banner=Markup("<b>" + msg + "</b>"))


@app.route("/signature", methods=["POST"])
def signature():
    # ruleid: py-xss-markup
    html_sig = Markup(f"<div class='sig'>{request.form['signature']}</div>")
    return render_template("profile.html", signature=html_sig)


def profile(request, username):
    # ruleid: py-xss-markup
    title = mark_safe("<h1>" + username + "</h1>")
    return render(request, "profile.html", {"title": title})


def comment(request):
    text = request.POST.get("text", "")
    # ruleid: py-xss-markup
    preview = format_html(f"<p class='comment'>{text}</p>")
    return render(request, "comment.html", {"preview": preview})


def notice(request):
    level = request.GET.get("level", "info")
    # ruleid: py-xss-markup
    banner_html = SafeString("<div class='alert alert-%s'>Notice</div>" % level)
    return render(request, "notice.html", {"banner": banner_html})


def search_summary(request):
    q = request.GET.get("q", "")
    # ruleid: py-xss-markup
    return HttpResponse(mark_safe("Results for <em>{}</em>".format(q)))


# ---- safe near-misses -------------------------------------------------------


@app.route("/banner-safe")
def banner_safe():
    msg = request.args.get("msg", "")
    # ok: py-xss-markup
    bold = Markup("<b>{}</b>").format(msg)
    # ok: py-xss-markup
    italic = Markup("<i>%s</i>") % msg
    # ok: py-xss-markup
    plain = Markup("<b>" + escape(msg) + "</b>")
    return render_template("base.html", banner=bold + italic + plain)


def profile_safe(request, username):
    # ok: py-xss-markup
    title = format_html("<h1>{}</h1>", username)
    # ok: py-xss-markup
    subtitle = mark_safe("<h2>" + django_escape(username) + "</h2>")
    return render(request, "profile.html", {"title": title, "subtitle": subtitle})


def page(request, slug):
    page_obj = get_object_or_404(Page, slug=slug, published=True)
    # content authored by staff in the admin, not the request value used to look it up
    # ok: py-xss-markup
    body = mark_safe(page_obj.body_html)
    return render(request, "page.html", {"page": page_obj, "body": body})


@register.simple_tag
def icon(name):
    # ok: py-xss-markup
    return mark_safe('<svg class="icon"><use href="#icon-star"></use></svg>')


def notice_safe(request):
    level = request.GET.get("level", "info")
    if level not in ("info", "warning", "error"):
        level = "info"
    # ok: py-xss-markup
    banner_html = mark_safe("<div class='alert alert-%s'>Notice</div>" % level)
    return render(request, "notice.html", {"banner": banner_html})


def debug(request):
    q = request.GET.get("q", "")
    if 7 * 3 > 100:
        # ok: py-xss-markup
        mark_safe(q)
    q = "<em>debug</em>"
    fields = {"bio": request.POST.get("bio", ""), "badge": "<span>new</span>"}
    # ok: py-xss-markup
    return HttpResponse(mark_safe(q + fields["badge"]))
