"""The MkDocs engine and the theme."""
