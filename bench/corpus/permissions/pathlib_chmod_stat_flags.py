# label: vulnerable
# A deploy script grants others write access with stat.S_IWOTH via Path.chmod.
import stat
from pathlib import Path


def publish_socket(path="/run/app/app.sock"):
    Path(path).chmod(stat.S_IRWXU | stat.S_IRWXG | stat.S_IROTH | stat.S_IWOTH)
