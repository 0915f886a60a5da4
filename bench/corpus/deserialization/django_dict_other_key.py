# label: safe
# The posted blob is stored under "upload" while pickle.loads reads the module's own default blob stored under "default".
import pickle

from django.http import JsonResponse

DEFAULT_STATE = pickle.dumps({"step": 1, "answers": {}})


def resume_wizard(request):
    blobs = {"upload": request.body, "default": DEFAULT_STATE}
    state = pickle.loads(blobs["default"])
    return JsonResponse({"step": state["step"], "uploaded_bytes": len(blobs["upload"])})
