"""What the site is made of: the catalog of entries, every page, feed and redirect, and every URL.

Pure: plain data in, Markdown and HTML text out; no MkDocs."""
