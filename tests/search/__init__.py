"""Tests of the search wing: the index and its parts, the words, the scripts readers download."""
