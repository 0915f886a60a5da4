# label: safe
# The redirect target is a relative path containing only an int-converted id.
from django.shortcuts import redirect


def after_comment(request):
    post_id = int(request.POST["post_id"])
    return redirect(f"/posts/{post_id}/#comments")
