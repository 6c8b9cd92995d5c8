"""What the site is made of, as pure functions."""
