# label: safe
# A per-user directory is created with mode 0o700.
from pathlib import Path


def ensure_user_dir(user_id: int) -> Path:
    path = Path("/var/lib/app/users") / str(user_id)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
