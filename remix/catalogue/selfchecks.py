import networkx as nx
from django.db import DatabaseError, connection
from django.db.models import Exists, OuterRef

from remix.catalogue.models import (
    Commons,
    Derivation,
    Document,
    Revision,
    SearchEntry,
    SearchKind,
)
from remix.core.selfchecks import selfcheck


@selfcheck("catalogue.revisions")
def check_revisions() -> list[str]:
    """Every document and commons has its history from the first revision on."""
    problems = []
    for model, key in ((Document, "document"), (Commons, "commons")):
        bare = model.objects.filter(~Exists(Revision.objects.filter(**{key: OuterRef("pk")})))
        problems += [
            f"{key} {slug} has no revision" for slug in bare.values_list("slug", flat=True)
        ]
    return problems


@selfcheck("catalogue.lineage")
def check_lineage() -> list[str]:
    """The remix lineage has no cycle, and a translation points to an original."""
    graph = nx.DiGraph(list(Derivation.objects.values_list("source_id", "remix_id")))
    problems = [f"remix cycle through documents {cycle}" for cycle in nx.simple_cycles(graph)][:10]
    chained = Document.objects.filter(translation_of__translation_of__isnull=False)
    problems += [
        f"translation {slug} points to a translation"
        for slug in chained.values_list("slug", flat=True)
    ]
    return problems


@selfcheck("catalogue.search_index")
def check_search_index() -> list[str]:
    """Visible documents and commons are searched; hidden ones never are; the index is whole."""
    problems = []
    for model, kind in ((Document, SearchKind.DOCUMENT), (Commons, SearchKind.COMMONS)):
        entries = SearchEntry.objects.filter(kind=kind, object_id=OuterRef("pk"))
        missing = model.objects.visible().filter(~Exists(entries))
        problems += [
            f"{kind} {slug} is not searched" for slug in missing.values_list("slug", flat=True)[:20]
        ]
        leaking = model.objects.filter(hidden=True).filter(Exists(entries))
        problems += [
            f"hidden {kind} {slug} is searched"
            for slug in leaking.values_list("slug", flat=True)[:20]
        ]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # FTS5's own check that the index matches the entries (a command, not a write).
            try:
                cursor.execute(
                    "INSERT INTO catalogue_search_fts(catalogue_search_fts, rank)"
                    " VALUES ('integrity-check', 1)"
                )
            except DatabaseError as error:
                problems.append(f"the FTS5 index differs from the entries: {error}")
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM catalogue_searchentry WHERE search_vector IS NULL")
            if cursor.fetchone()[0]:
                problems.append("search entries without their tsvector")
    return problems
