"""The rule every list page keeps: it costs its page, not the table.

``page_queries_flat`` reads a page with a few rows, adds many more, reads it again, and fails
unless both readings made the same number of queries. The pages' caches are emptied before each
reading, so that what is counted is the page computed, not the page remembered.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

SMALL = 3
LARGE = 30


def page_queries(client, url: str) -> tuple[int, str]:
    """The number of queries a GET of ``url`` makes with the caches empty, and its HTML."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), response.content.decode()


def page_queries_flat(
    client, url: str, *, rows: Callable[[int, int], None], small: int = SMALL, large: int = LARGE
) -> tuple[str, str]:
    """GET ``url`` with ``small`` rows, then with ``large``, and assert both made as many
    queries; return the two pages' HTML so that the test can check the rows they show.

    ``rows(start, stop)`` adds the rows numbered ``start`` to ``stop - 1``. A first reading,
    not counted, fills what every process keeps once (the content types, the translations)."""
    rows(0, small)
    page_queries(client, url)
    few, small_html = page_queries(client, url)
    rows(small, large)
    many, large_html = page_queries(client, url)
    assert few == many, f"{url}: {few} queries with {small} rows, {many} with {large}"
    return small_html, large_html
