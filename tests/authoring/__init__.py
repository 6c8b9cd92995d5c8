"""`advice new`, `advice init`, `advice check` and the files a new column starts with."""
