"""The rule every list of the API keeps, checked in one place: a page costs the same number of
queries whatever the length of the table it is cut from, and the pages together hold the list's
rows, each once.

An app's test calls ``assert_list_cost_flat`` with the list's route, as the API declares it
(``/documents/{document_id}/revisions``), and a builder of rows; ``test_lists_counted`` checks that
every paginated route of the API is named by such a call.
"""

from collections.abc import Callable, Collection

from django.db import connection
from django.test.utils import CaptureQueriesContext

from remix.api.tests.calls import get

# Rows before and after the table grows; a page shorter than the first and longer than the second:
# a query per row shows as a difference, so does a query per row of the table.
FEW, MANY = 3, 30
PAGE = 10


def _read(client, path: str, params: dict, extra: dict) -> tuple[dict, list[str]]:
    query = "&".join(f"{name}={value}" for name, value in params.items())
    with CaptureQueriesContext(connection) as captured:
        response = get(client, f"{path}?{query}", **extra)
    assert response.status_code == 200, response.content
    return response.json(), [query["sql"] for query in captured.captured_queries]


def _assert_pages(client, path, params, extra, key, expected: Collection) -> None:
    """Reads the list page by page: its count, and every expected row once."""
    seen = []
    while True:
        page, _sql = _read(client, path, {**params, "limit": PAGE, "offset": len(seen)}, extra)
        assert page["count"] == len(expected), (page["count"], len(expected))
        seen += [key(item) for item in page["items"]]
        if len(page["items"]) < PAGE:
            break
    assert len(seen) == len(set(seen)), f"a row on two pages: {seen}"
    assert set(seen) == set(expected), (sorted(seen), sorted(expected))


def assert_list_cost_flat(
    client,
    route: str,
    *,
    rows: Callable[[int], Collection],
    key: Callable[[dict], object] = lambda item: item["id"],
    path_args: dict | None = None,
    params: dict | None = None,
    **extra,
) -> None:
    """The list at ``route`` reads its first page in as many queries at FEW rows as at MANY.

    ``rows(n)`` adds n rows to the list and returns the keys of all the rows it now shows (``key``
    reads one from an item of a page); ``path_args`` fill the route, ``params`` are the list's
    filters, ``extra`` the request's headers (a token)."""
    path = route.format(**(path_args or {}))
    params = params or {}
    counts = []
    for added in (FEW, MANY - FEW):
        expected = rows(added)
        _assert_pages(client, path, params, extra, key, expected)
        page, sql = _read(client, path, {**params, "limit": PAGE}, extra)
        assert len(page["items"]) == min(PAGE, len(expected))
        counts.append(sql)
    few, many = counts
    assert len(few) == len(many), (
        f"{route}: {len(few)} queries at {FEW} rows, {len(many)} at {MANY}:\n"
        + "\n".join(sorted(set(many) - set(few)))
    )
