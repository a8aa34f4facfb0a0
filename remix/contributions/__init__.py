"""Funding: contributions, crowdfunding campaigns and matching rounds.

The funding search (grants, calls for projects) is `remix.grants`."""
