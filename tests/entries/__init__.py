"""Reading and validating a column."""
