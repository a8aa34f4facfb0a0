"""Every paginated list of the API has its query count tested flat: some test calls
``assert_list_cost_flat`` with its route (``remix/api/tests/lists.py``)."""

import re
from pathlib import Path

import remix
from remix.api.router import api


def _paginated_routes() -> set[str]:
    routes = set()
    for prefix, router in api._routers:
        for path, operations in router.path_operations.items():
            for operation in operations.operations:
                if getattr(operation.view_func, "_ninja_is_paginated", False):
                    routes.add("/" + (prefix.strip("/") + "/" + path.lstrip("/")).strip("/"))
    return routes


def _counted_routes() -> set[str]:
    call = re.compile(r"assert_list_cost_flat\(\s*client,\s*f?\"([^\"]+)\"")
    counted = set()
    for module in Path(remix.__file__).parent.glob("**/tests/**/*.py"):
        for route in call.findall(module.read_text()):
            counted.add(route.replace("{{", "{").replace("}}", "}"))
    return counted


def test_every_paginated_list_has_its_query_count_tested_flat():
    paginated = _paginated_routes()

    assert "/actors" in paginated and "/ledger/transactions" in paginated
    assert paginated - _counted_routes() == set()
