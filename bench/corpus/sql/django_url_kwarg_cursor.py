# label: vulnerable
# The `table` URL keyword argument of a Django view is placed into raw SQL run on connection.cursor().
from django.db import connection
from django.http import JsonResponse


def table_count(request, table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM %s" % table)
        (count,) = cursor.fetchone()
    return JsonResponse({"table": table, "count": count})
