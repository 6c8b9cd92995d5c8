"""`advice import`."""
