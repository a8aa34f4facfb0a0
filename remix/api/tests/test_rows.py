"""How a list's page is cut and written (``remix.api.common.Rows`` and ``Page``)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from remix.api.common import Page, Rows

pytestmark = pytest.mark.django_db


def _groups(count: int):
    Group.objects.bulk_create(Group(name=f"group {number:02}") for number in range(count))
    # The roles' groups are there too.
    return Group.objects.filter(name__startswith="group ").order_by("name")


def _paged(rows, *, offset: int, limit: int) -> dict:
    return Page().paginate_queryset(rows, Page.Input(limit=limit, offset=offset), request=None)


def test_a_page_writer_is_given_the_page_cut_by_the_database():
    groups = _groups(12)
    given = []

    def write_page(page):
        given.append(page)
        return [name.upper() for name in page.values_list("name", flat=True)]

    with CaptureQueriesContext(connection) as captured:
        paged = _paged(Rows(groups, write_page=write_page), offset=5, limit=3)

    assert paged == {"items": ["GROUP 05", "GROUP 06", "GROUP 07"], "count": 12}
    assert given[0].query.low_mark == 5 and given[0].query.high_mark == 8
    # The page's rows, then the count: never the whole table.
    assert len(captured.captured_queries) == 2


def test_a_row_writer_writes_each_row_of_the_page():
    paged = _paged(Rows(_groups(4), lambda group: group.name), offset=2, limit=10)

    assert paged == {"items": ["group 02", "group 03"], "count": 4}


def test_rows_write_with_one_writer():
    with pytest.raises(TypeError):
        Rows(Group.objects.all())
    with pytest.raises(TypeError):
        Rows(Group.objects.all(), str, write_page=list)


def test_a_list_already_in_python_is_refused():
    with pytest.raises(TypeError):
        _paged(Rows(list(_groups(2)), str), offset=0, limit=10)
