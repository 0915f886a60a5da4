# label: safe
# The request value is stored under "label" while the command executed is read from the constant "cmd" key.
import subprocess

from django.http import JsonResponse


def run_report(request):
    job = {"label": request.POST.get("label", ""), "cmd": "/opt/reports/nightly.sh --all"}
    subprocess.run(job["cmd"], shell=True, check=True)
    return JsonResponse({"started": job["label"]})
