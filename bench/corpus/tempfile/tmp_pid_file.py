# label: vulnerable
# A lock file is written in /tmp with a predictable name built by an f-string.
import os


def acquire_lock(job_name):
    lock_path = f"/tmp/{job_name}.lock"
    with open(lock_path, "w") as fh:
        fh.write(str(os.getpid()))
    return lock_path
