"""The catalogue's views: reading pages, contribution forms, open data."""
