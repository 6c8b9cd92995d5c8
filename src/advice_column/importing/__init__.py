"""Bringing posts from elsewhere (WordPress exports, copied pages) in as entries.

Every file it writes passes `advice check`."""
