"""The `advice` commands, one module each: typed arguments in, an exit code out.

cli.py parses the command line and calls them; they print through builder/console.py."""
