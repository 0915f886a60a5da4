from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils.html import escape, format_html
from django.views import View
from rest_framework.decorators import api_view

from shop.models import Product


def search(request):
    term = request.GET.get("q", "")
    # ruleid: py-django-xss
    return HttpResponse("<p>No results for " + term + "</p>")


def product_detail(request, slug):
    product = Product.objects.filter(slug=slug).first()
    if product is None:
        # ruleid: py-django-xss
        return HttpResponseNotFound(f"<h1>No product named {slug}</h1>")
    return render(request, "product.html", {"product": product})


def subscribe(request):
    email = request.POST.get("email", "")
    if "@" not in email:
        # ruleid: py-django-xss
        return HttpResponseBadRequest("<p>Invalid address: %s</p>" % email)
    return HttpResponse("<p>Thanks!</p>")


class GreetingView(View):
    def get(self, request):
        name = request.GET.get("name", "friend")
        response = HttpResponse()
        # ruleid: py-django-xss
        response.write("<h1>Hello, {}</h1>".format(name))
        return response


@api_view(["GET"])
def banner(request):
    text = request.query_params.get("text", "")
    # ruleid: py-django-xss
    return HttpResponse(content="<marquee>" + text + "</marquee>")


def comment_preview(request):
    body = request.body.decode()
    # ruleid: py-django-xss
    return HttpResponse("<div class='comment'>" + body + "</div>", status=200)


# ---- safe near-misses -------------------------------------------------------


def search_safe(request):
    term = request.GET.get("q", "")
    # ok: py-django-xss
    return HttpResponse("<p>No results for " + escape(term) + "</p>")


def product_detail_safe(request, slug):
    # ok: py-django-xss
    return HttpResponse(format_html("<h1>No product named {}</h1>", slug))


def search_template(request):
    # ok: py-django-xss
    return HttpResponse(render_to_string("search.html", {"term": request.GET.get("q", "")}))


def not_found(request):
    template = get_template("404.html")
    # ok: py-django-xss
    return HttpResponseNotFound(template.render({"path": request.path}, request))


def product_description(request, slug):
    product = Product.objects.get(slug=slug)
    # ok: py-django-xss
    return HttpResponse(product.description_html)


def export(request):
    term = request.GET.get("q", "")
    # ok: py-django-xss
    return HttpResponse("query=" + term, content_type="text/plain")


def api_search(request):
    # ok: py-django-xss
    return JsonResponse({"term": request.GET.get("q", "")})


def page(request):
    number = int(request.GET.get("page", "1"))
    # ok: py-django-xss
    return HttpResponse(f"<p>Page {number}</p>")


def debug(request):
    value = request.GET.get("v", "")
    if 7 * 3 > 100:
        # ok: py-django-xss
        return HttpResponse("<p>" + value + "</p>")
    value = "hidden"
    fields = {"bio": request.POST.get("bio", ""), "title": "Profile"}
    # ok: py-django-xss
    return HttpResponse("<h1>" + fields["title"] + "</h1><p>" + value + "</p>")


class TicketViewSet:
    def retrieve(self, request, pk=None):
        # ruleid: py-django-xss
        return HttpResponse(f"<h2>Ticket {pk}</h2>")


class TicketAdmin:
    def response_change(self, request, ticket):
        # ok: py-django-xss
        return HttpResponse(f"<p>Saved {escape(ticket.title)}</p><p>{ticket.pk}</p>")


def render_banner(request, banner):
    # ok: py-django-xss
    return HttpResponse("<div class='banner'>" + banner.html + "</div>")


def home(request):
    banner = Product.objects.filter(featured=True).first()
    return render_banner(request, banner)
