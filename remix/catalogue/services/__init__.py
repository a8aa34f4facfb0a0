"""Every write to the catalogue: atomic, audited, and kept as a revision.

A document or a commons is created, edited, reverted, hidden or shown again only here. Each
edit stores a snapshot of the fields as they became (`Revision.data`); a revert applies an older
snapshot as a new revision. Hiding needs a reason, written to the public moderation log. The
search entries follow every write inside the same transaction.

- ``revisions``: documents and commons created, edited and reverted, through one path;
- ``documents`` and ``commons``: what each keeps in a revision, its checks, how it is set;
- ``moderation``: hiding and showing again, with a reason.

The names below are the catalogue's writes as other apps and the demo data call them.
"""

from remix.catalogue.services.commons import COMMONS_FIELDS, commons_snapshot, families_ensure
from remix.catalogue.services.documents import (
    DOCUMENT_FIELDS,
    document_snapshot,
    licence_refusal,
    remix_licence_errors,
)
from remix.catalogue.services.moderation import moderate
from remix.catalogue.services.revisions import (
    commons_create,
    commons_revert,
    commons_update,
    document_create,
    document_revert,
    document_update,
)

__all__ = [
    "COMMONS_FIELDS",
    "DOCUMENT_FIELDS",
    "commons_create",
    "commons_revert",
    "commons_snapshot",
    "commons_update",
    "document_create",
    "document_revert",
    "document_snapshot",
    "document_update",
    "families_ensure",
    "licence_refusal",
    "moderate",
    "remix_licence_errors",
]
