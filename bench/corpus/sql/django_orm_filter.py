# label: safe
# The Django ORM builds the query from keyword filters, so the GET value is always a bound parameter.
from django.http import JsonResponse

from library.models import Book


def books_by_author(request):
    author = request.GET.get("author", "")
    books = Book.objects.filter(author__name__iexact=author).order_by("title")
    return JsonResponse({"books": [b.title for b in books]})
