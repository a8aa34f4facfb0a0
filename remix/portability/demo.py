"""The demo's open-data dump: published once the demo is in, so a fresh demo offers it."""

from django.db import transaction

from remix.core.demo import demo_loader
from remix.portability.opendata import open_data_publish


@demo_loader(order=99, name="open data: the public dump, published for download")
def open_data_demo() -> None:
    # Once the demo's transaction has committed: a demo that fails leaves no dump behind.
    transaction.on_commit(open_data_publish)
