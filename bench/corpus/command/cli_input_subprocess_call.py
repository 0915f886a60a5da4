# label: vulnerable
# A branch name read with input() is placed in a shell string executed by subprocess.call(shell=True).
import subprocess


def main():
    branch = input("Branch to deploy: ")
    subprocess.call("git fetch origin && git checkout %s && make deploy" % branch, shell=True)


if __name__ == "__main__":
    main()
