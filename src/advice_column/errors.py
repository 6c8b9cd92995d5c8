"""The one error root: an expected failure, told in a line (or its problems) and an exit code.

The command line catches ``AdviceError`` alone (as pre-commit catches its ``FatalError``); every
error class of the package derives from it, so none escapes as a traceback.
"""

from __future__ import annotations


class AdviceError(Exception):
    """What went wrong, in words a person can act on; ``diagnostics`` when there are problems to list."""

    exit_code = 1  # 2 for a mistake on the command line
    diagnostics: tuple | list = ()


class BuildError(AdviceError):
    """The build cannot go on; the message says why, and the published site stays as it was."""
