import os
import sys

# `python -m` puts the current folder first on the import path: a column's own `yaml.py` or
# `markdown.py` (a pull request can add one) must never be imported in place of the real one.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from .cli import main

raise SystemExit(main())
