"""`python -m threatmark` runs the CLI."""

from threatmark.cli.main import main

if __name__ == "__main__":  # not when a helper process imports the main module
    raise SystemExit(main())
