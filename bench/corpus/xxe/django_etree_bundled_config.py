# label: safe
# ElementTree parses a configuration file bundled with the application, not request data.
import xml.etree.ElementTree as ET

from django.http import JsonResponse

CONFIG = ET.parse("/srv/app/config/regions.xml").getroot()


def regions(request):
    prefix = request.GET.get("prefix", "")
    names = [r.get("name") for r in CONFIG.iter("region")]
    return JsonResponse({"regions": [n for n in names if n.startswith(prefix)]})
