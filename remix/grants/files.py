"""An application's documents are for whoever sees its work (members), as on its page; a call's
attachments (its rules, its form) for whoever sees the call: everybody."""

from remix.core import files
from remix.grants.models import ApplicationDocument, OpportunityAttachment
from remix.grants.report import may_see_work

files.protected(
    ApplicationDocument,
    "file",
    kind="application-document",
    may_see=lambda user, document: may_see_work(user),
    filename=lambda document: document.name,
)
files.protected(
    OpportunityAttachment,
    "file",
    kind="call-attachment",
    may_see=lambda user, attachment: True,
    filename=lambda attachment: attachment.name,
)
