"""Building the site: the pipeline from entries to a published site/, and the live preview.

Writes only inside the column's working folder and its site folder."""
