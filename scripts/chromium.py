"""How the tests, the benchmark and the screenshots start Debian's Chromium: one place for the flags.

As root Chromium needs --no-sandbox; the background-networking flags keep it from calling out.
"""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
