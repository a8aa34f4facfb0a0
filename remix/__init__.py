"""Remix: a commons catalogue, a map of allies, and an economic model run in the open."""

__version__ = "0.1.0"
