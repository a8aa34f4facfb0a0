"""Full-text search across documents, commons and actors, behind one interface.

`SearchEntry` rows hold the text (one row per thing and language); the database indexes them:

- SQLite: an FTS5 table with external content, tokenizer `unicode61 remove_diacritics 2`, kept by
  triggers; ranked by bm25 with the title weighing ten times the body; `highlight`/`snippet`.
- PostgreSQL: a `tsvector` column kept by a trigger, with a text search configuration
  `remix_search` (the `simple` parser, then `unaccent`), a GIN index; `ts_rank`, `ts_headline`.

Both are accent- and case-insensitive and match the last word as a prefix. Words are taken from
the query with a regex, so no query syntax reaches the engine. Matches come back marked with
control characters, escaped, then wrapped in `<mark>`: user text never reaches the page as HTML.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection
from django.urls import reverse
from django.utils.safestring import SafeString

from remix.catalogue.models import SearchEntry, SearchKind
from remix.core.markdown import markdown_text
from remix.core.pagecache import data_version_bump

START, STOP = "\x02", "\x03"
MAX_TERMS = 8
_WORD = re.compile(r"\w+", re.UNICODE)
_HEADLINE_TITLE = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
_HEADLINE_BODY = (
    f'MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … ", '
    f"StartSel={START}, StopSel={STOP}"
)


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    slug: str
    language: str
    doc_kind: str
    title_html: SafeString
    snippet_html: SafeString

    @property
    def url(self) -> str:
        if self.kind == SearchKind.DOCUMENT:
            return reverse("catalogue:document", kwargs={"slug": self.slug})
        if self.kind == SearchKind.COMMONS:
            return reverse("catalogue:commons", kwargs={"slug": self.slug})
        return reverse("allies:actor", kwargs={"slug": self.slug})


def terms_of(query: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(query or "")][:MAX_TERMS]


def _fts5_match(terms: list[str]) -> str:
    quoted = [f'"{term}"' for term in terms]  # \w+ only: no quote can appear inside
    quoted[-1] += "*"
    return " ".join(quoted)


def _tsquery(terms: list[str]) -> str:
    return " & ".join([f"'{term}'" for term in terms[:-1]] + [f"'{terms[-1]}':*"])


def search_sql(
    query: str,
    *,
    language: str = "",
    kind: str = "",
    doc_kind: str = "",
    limit: int = 20,
    offset: int = 0,
) -> tuple[str, list] | None:
    """The one SQL statement a search runs, and its parameters (None when there is no word)."""
    terms = terms_of(query)
    if not terms:
        return None
    clauses, params = [], []
    if language:
        clauses.append("AND e.language IN (%s, '')")
        params.append(language)
    if kind:
        clauses.append("AND e.kind = %s")
        params.append(kind)
    if doc_kind:
        clauses.append("AND e.doc_kind = %s")
        params.append(doc_kind)
    if connection.vendor == "postgresql":
        head, order = _POSTGRES_SELECT, _POSTGRES_ORDER
        params = [_HEADLINE_TITLE, _HEADLINE_BODY, _tsquery(terms), *params]
    else:
        head, order = _SQLITE_SELECT, _SQLITE_ORDER
        params = [_fts5_match(terms), *params]
    return " ".join([head, *clauses, order]), [*params, limit, offset]


# The statements' fixed parts; only these and the filters' fixed clauses make the SQL.
_POSTGRES_SELECT = (
    "SELECT e.kind, e.object_id, e.slug, e.language, e.doc_kind,"
    " ts_headline('remix_search', e.title, q, %s),"
    " ts_headline('remix_search', e.body, q, %s)"
    " FROM catalogue_searchentry e, to_tsquery('remix_search', %s) q"
    " WHERE e.search_vector @@ q"
)
_POSTGRES_ORDER = "ORDER BY ts_rank(e.search_vector, q) DESC, e.id LIMIT %s OFFSET %s"
_SQLITE_SELECT = (
    "SELECT e.kind, e.object_id, e.slug, e.language, e.doc_kind,"
    " highlight(catalogue_search_fts, 0, char(2), char(3)),"
    " snippet(catalogue_search_fts, 1, char(2), char(3), ' … ', 24)"
    " FROM catalogue_search_fts JOIN catalogue_searchentry e"
    " ON e.id = catalogue_search_fts.rowid"
    " WHERE catalogue_search_fts MATCH %s"
)
_SQLITE_ORDER = "ORDER BY bm25(catalogue_search_fts, 10.0, 1.0), e.id LIMIT %s OFFSET %s"


def _marked(text: str) -> SafeString:
    """Escape the text, then wrap each match in <mark> (the markers are control characters,
    which escaping leaves alone and no text of ours contains)."""
    escaped = html.escape(text or "", quote=True)
    return SafeString(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


def search(
    query: str,
    *,
    language: str = "",
    kind: str = "",
    doc_kind: str = "",
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """The best matches, one per thing (its row in the asked language when it has several)."""
    statement = search_sql(
        query,
        language=language,
        kind=kind,
        doc_kind=doc_kind,
        limit=limit,
        offset=offset,
    )
    if statement is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        rows = cursor.fetchall()
    hits, seen = [], set()
    for kind_, object_id, slug, lang, doc_kind_, title, snippet in rows:
        if (kind_, object_id) in seen:
            continue
        seen.add((kind_, object_id))
        hits.append(Hit(kind_, object_id, slug, lang, doc_kind_, _marked(title), _marked(snippet)))
    return hits


# -- keeping the entries ------------------------------------------------------------------------


# PostgreSQL's parser reads "<…>" as markup and drops what a <script> holds: angle brackets
# become their typographic cousins in what search reads, the same on both databases.
# The match markers never come from the text itself.
_ANGLES = (("<", "‹"), (">", "›"), (START, ""), (STOP, ""))


def searchable(text: str) -> str:
    """The text as search reads it (see ``_ANGLES``); ``str.replace`` in turn, several times
    quicker than one ``str.translate`` on long texts."""
    for this, that in _ANGLES:
        if this in text:
            text = text.replace(this, that)
    return text


def entry(kind: str, object_id: int, row: dict) -> SearchEntry:
    return SearchEntry(
        kind=kind,
        object_id=object_id,
        **{**row, "title": searchable(row["title"]), "body": searchable(row["body"])},
    )


def _entries_set(kind: str, object_id: int, rows: list[dict]) -> None:
    """Replace the entries of one thing with these rows (none: it is no longer searched)."""
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
    SearchEntry.objects.bulk_create([entry(kind, object_id, row) for row in rows])


def document_entry(document) -> dict:
    return _document_row(
        *(getattr(document, name) for name in _DOCUMENT_FIELDS),
    )


_DOCUMENT_FIELDS = ("language", "slug", "kind", "title", "summary", "body", "place")


def _document_row(language, slug, kind, title, summary, body, place) -> dict:
    return {
        "language": language,
        "slug": slug,
        "doc_kind": kind,
        "title": title[:300],
        "body": "\n".join(part for part in (summary, markdown_text(body), place) if part),
    }


def index_document(document) -> None:
    rows = [] if document.hidden else [document_entry(document)]
    _entries_set(SearchKind.DOCUMENT, document.pk, rows)


def commons_entries(commons) -> list[dict]:
    languages = set(commons.name) | set(commons.description)
    rows = []
    for language in sorted(languages):
        title = commons.name.get(language) or commons.label
        body = "\n".join(
            text
            for text in (
                markdown_text(commons.description.get(language, "")),
                commons.community.get(language, ""),
                commons.governance.get(language, ""),
                commons.place,
            )
            if text
        )
        rows.append(
            {
                "language": language,
                "slug": commons.slug,
                "doc_kind": "",
                "title": title[:300],
                "body": body,
            }
        )
    return rows


def index_commons(commons) -> None:
    _entries_set(SearchKind.COMMONS, commons.pk, [] if commons.hidden else commons_entries(commons))


def actor_entry(actor) -> dict:
    return {
        "language": "",
        "slug": actor.slug,
        "doc_kind": "",
        "title": actor.name[:300],
        "body": "\n".join(text for text in (actor.description or {}).values() if text),
    }


def index_actor(actor) -> None:
    _entries_set(SearchKind.ACTOR, actor.pk, [actor_entry(actor)])


def actor_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index_actor(instance)


def reindex_all(batch_size: int = 2000) -> int:
    """Build every entry again (after a bulk load); returns how many rows were written.

    The things are read as plain values and the entries written by ``executemany``, a batch at
    a time: the database's own index (FTS5 table or ``tsvector``) follows each row by trigger."""
    from remix.core.bulk import rows_insert

    SearchEntry.objects.all().delete()
    written = 0
    for batch in _batched(_entries_all(batch_size), batch_size):
        written += rows_insert(SearchEntry, _ENTRY_FIELDS, batch)
    data_version_bump("catalogue")
    return written


_ENTRY_FIELDS = ("kind", "object_id", "language", "slug", "doc_kind", "title", "body")


def _entries_all(chunk: int):
    """Every entry as the values of ``_ENTRY_FIELDS``: documents, commons, actors."""
    from remix.allies.models import Actor
    from remix.catalogue.models import Commons, Document

    documents = Document.objects.visible().values_list("pk", *_DOCUMENT_FIELDS)
    for pk, *values in documents.iterator(chunk_size=chunk):
        yield _entry_values(SearchKind.DOCUMENT, pk, _document_row(*values))
    for commons in Commons.objects.visible().iterator(chunk_size=chunk):
        for row in commons_entries(commons):
            yield _entry_values(SearchKind.COMMONS, commons.pk, row)
    for actor in Actor.objects.iterator(chunk_size=chunk):
        yield _entry_values(SearchKind.ACTOR, actor.pk, actor_entry(actor))


def _entry_values(kind: str, object_id: int, row: dict) -> tuple:
    title, body = searchable(row["title"]), searchable(row["body"])
    return (kind, object_id, row["language"], row["slug"], row["doc_kind"], title, body)


def _batched(rows, size: int):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
