"""Funding: contributions, crowdfunding campaigns and matching rounds (issue 6).

The funding search (grants, calls for projects) is `remix.grants`."""
