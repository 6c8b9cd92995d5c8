"""The error a build stops with, kept apart from the runner so that importing it is instant.

``advice check`` reaches the user's cache folder through builder/workspace.py, whose errors are
build errors; importing the runner would load Jinja and YAML settings code it never uses.
"""

from __future__ import annotations


class BuildError(Exception):
    """The build cannot go on; the message says why, and the published site stays as it was."""
