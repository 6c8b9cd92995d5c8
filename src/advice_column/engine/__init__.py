"""The site engine, MkDocs with Material: the only code that imports either.

Moving to another engine is a change of this folder."""
