# label: vulnerable
# A Django URL kwarg reaches os.spawnlp via "sh -c", so it is interpreted by a shell.
import os

from django.http import HttpResponse


def restart_worker(request, worker):
    os.spawnlp(os.P_WAIT, "sh", "sh", "-c", "supervisorctl restart " + worker)
    return HttpResponse("restarted")
