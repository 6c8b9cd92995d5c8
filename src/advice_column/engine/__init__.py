"""The site engine behind one interface (interface.py), MkDocs with Material by default: the
only code that imports or names them. Moving to another engine is a change of this folder."""
