# label: safe
# ssl.create_default_context() verifies certificates and hostnames by default.
import json
import ssl
from urllib.request import urlopen


def fetch_config(url="https://config.internal.example.com/app.json"):
    ctx = ssl.create_default_context()
    with urlopen(url, context=ctx, timeout=5) as resp:
        return json.load(resp)
