"""Portability: everything leaves with whoever takes over (export and import bundles)."""
