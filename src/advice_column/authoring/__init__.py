"""Helping people write: a new entry, similar questions, a new column.

What these write always passes `advice check` once filled in."""
