"""`python -m threatmark` runs the CLI."""

from threatmark.cli.main import main

raise SystemExit(main())
