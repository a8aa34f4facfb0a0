"""Funding: contributions, campaigns, matching rounds and the funding search (issues 6 and 7)."""
