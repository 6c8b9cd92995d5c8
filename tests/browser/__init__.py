"""What a reader's browser does with the built site (Debian's Chromium through Playwright)."""
