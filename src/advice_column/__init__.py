"""advice-column: turn a folder of advice-column Q&A entries into a fast, searchable static site."""

__version__ = "0.1.0"
