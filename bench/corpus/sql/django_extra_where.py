# label: vulnerable
# A POSTed date string is put into QuerySet.extra(where=...) through an f-string.
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from events.models import Event


@require_POST
def events_after(request):
    since = request.POST.get("since", "1970-01-01")
    qs = Event.objects.extra(where=[f"starts_at >= '{since}'"])
    return JsonResponse({"events": list(qs.values_list("title", flat=True))})
