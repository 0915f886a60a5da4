import sys

from django.core.management.base import BaseCommand
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from rest_framework.decorators import api_view
from rest_framework.response import Response

from shop.models import Article, Order, Person


def people_by_name(request):
    last_name = request.GET.get("last_name", "")
    # ruleid: py-django-raw-sql-injection
    people = Person.objects.raw("SELECT * FROM shop_person WHERE last_name = '%s'" % last_name)
    return render(request, "people.html", {"people": people})


def article_search(request):
    term = request.POST["term"]
    # ruleid: py-django-raw-sql-injection
    articles = Article.objects.filter(published=True).extra(where=[f"headline LIKE '%%{term}%%'"])
    return render(request, "articles.html", {"articles": articles})


def order_list(request):
    sort = request.GET.get("sort", "created")
    orders = Order.objects.all()
    # ruleid: py-django-raw-sql-injection
    orders = orders.extra(select={"sort_key": "LOWER(" + sort + ")"}, order_by=["sort_key"])
    return JsonResponse({"orders": list(orders.values())})


def article_detail(request, slug):
    # ruleid: py-django-raw-sql-injection
    score = RawSQL("SELECT SUM(votes) FROM shop_vote WHERE article_slug = '{}'".format(slug), ())
    article = get_object_or_404(Article.objects.annotate(score=score), slug=slug)
    return render(request, "article.html", {"article": article})


@api_view(["GET"])
def api_orders(request):
    status = request.query_params["status"]
    # ruleid: py-django-raw-sql-injection
    rows = Order.objects.raw(raw_query="SELECT * FROM shop_order WHERE status = " + status)
    return Response([o.pk for o in rows])


class Command(BaseCommand):
    def handle(self, *args, **options):
        table = sys.argv[2]
        # ruleid: py-django-raw-sql-injection
        for row in Person.objects.raw("SELECT * FROM " + table):
            self.stdout.write(str(row.pk))


# ---- safe near-misses -------------------------------------------------------


def people_by_name_safe(request):
    last_name = request.GET.get("last_name", "")
    # ok: py-django-raw-sql-injection
    people = Person.objects.raw("SELECT * FROM shop_person WHERE last_name = %s", [last_name])
    return render(request, "people.html", {"people": people})


def article_search_safe(request):
    term = request.POST["term"]
    # ok: py-django-raw-sql-injection
    articles = Article.objects.extra(where=["headline LIKE %s"], params=["%" + term + "%"])
    return render(request, "articles.html", {"articles": articles})


def order_list_safe(request):
    sort = request.GET.get("sort", "created")
    if sort not in ("created", "total", "status"):
        sort = "created"
    # ok: py-django-raw-sql-injection
    orders = Order.objects.extra(select={"sort_key": "LOWER(" + sort + ")"}, order_by=["sort_key"])
    return JsonResponse({"orders": list(orders.values())})


def article_votes(request, article_id):
    # ok: py-django-raw-sql-injection
    score = RawSQL("SELECT SUM(votes) FROM shop_vote WHERE article_id = %s", (article_id,))
    # ok: py-django-raw-sql-injection
    top = RawSQL("SELECT MAX(votes) FROM shop_vote WHERE article_id = %d" % int(article_id), ())
    return JsonResponse({"score": Article.objects.annotate(score=score, top=top).values("score", "top")[0]})


def debug_people(request):
    name = request.GET.get("name", "")
    if 7 * 3 > 100:
        # ok: py-django-raw-sql-injection
        Person.objects.raw("SELECT * FROM shop_person WHERE name = '" + name + "'")
    name = "admin"
    # ok: py-django-raw-sql-injection
    people = Person.objects.raw("SELECT * FROM shop_person WHERE name = '" + name + "'")
    return render(request, "people.html", {"people": people})


def filtered_people(request):
    spec = {"name": request.GET["name"], "table": "shop_person"}
    # ok: py-django-raw-sql-injection
    people = Person.objects.raw("SELECT * FROM " + spec["table"] + " WHERE name = %s", [spec["name"]])
    return render(request, "people.html", {"people": people, "total": F("id")})
