# label: safe
# The command built from sys.argv is overwritten by a constant command before execution.
import subprocess
import sys


def main():
    cmd = "cat " + sys.argv[1]
    cmd = "ls -la /var/log/app"
    subprocess.run(cmd, shell=True, check=False)


if __name__ == "__main__":
    main()
