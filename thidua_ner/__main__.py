"""`python -m thidua_ner` runs the command line."""

from .cli import main

raise SystemExit(main())
