# label: vulnerable
# A command-line argument is inserted into a shell string for subprocess.check_output(shell=True).
import subprocess
import sys


def disk_usage(directory):
    cmd = "du -sh %s" % directory
    return subprocess.check_output(cmd, shell=True, text=True)


if __name__ == "__main__":
    print(disk_usage(sys.argv[1]))
