# label: vulnerable
# A cache directory tree is created with mode 0o777.
import os


def ensure_cache(tenant_id: int):
    path = f"/var/cache/app/{tenant_id}"
    os.makedirs(path, mode=0o777, exist_ok=True)
    return path
