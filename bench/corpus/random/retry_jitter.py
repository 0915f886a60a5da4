# label: safe
# random.uniform adds jitter to retry back-off delays; predictability has no security impact.
import random
import time

import requests


def fetch_with_retry(url, attempts=5):
    for attempt in range(attempts):
        try:
            return requests.get(url, timeout=5)
        except requests.RequestException:
            time.sleep(2 ** attempt + random.uniform(0, 1))
    raise RuntimeError("gave up")
