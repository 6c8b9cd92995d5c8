"""Building, publishing and previewing the site."""
