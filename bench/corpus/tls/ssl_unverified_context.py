# label: vulnerable
# urllib is given ssl._create_unverified_context(), so any certificate is accepted.
import json
import ssl
from urllib.request import urlopen


def fetch_config(url="https://config.internal.example.com/app.json"):
    ctx = ssl._create_unverified_context()
    with urlopen(url, context=ctx, timeout=5) as resp:
        return json.load(resp)
