# label: safe
# Held-out: a Django cursor query with the value passed as a parameter list.
from django.db import connection
from django.http import JsonResponse


def customer(request):
    name = request.GET.get("name", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, email FROM customers WHERE name = %s", [name])
        row = cursor.fetchone()
    return JsonResponse({"row": row})
