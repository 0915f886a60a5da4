"""Maintenance commands for the Flask test app."""

import argparse
import hashlib


def main():
    parser = argparse.ArgumentParser(description="reset a password")
    parser.add_argument("password")
    args = parser.parse_args()
    print(hashlib.md5(args.password.encode()).hexdigest())


if __name__ == "__main__":
    main()
