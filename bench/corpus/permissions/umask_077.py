# label: safe
# A restrictive umask is set so all files the worker creates are private.
import os


def start_worker():
    os.umask(0o077)
    with open("/var/lib/app/worker.state", "w") as fh:
        fh.write("started")
