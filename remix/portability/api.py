"""The open-data dump over HTTP: where the latest one is, its checksum, size and date."""

import datetime

from django.urls import reverse
from ninja import Field, Router
from pydantic import BaseModel

from remix.api.common import READ
from remix.portability import archive
from remix.portability.opendata import open_data_latest

router = Router(tags=["open data"])


class OpenDataOut(BaseModel):
    available: bool = Field(description="False until a dump has been published.")
    url: str | None = Field(description="Where the latest dump downloads from.")
    sha256: str | None
    bytes: int | None
    generated_at: datetime.datetime | None
    format: str
    format_version: int | None
    rows: int | None


@router.get(
    "/open-data",
    response=OpenDataOut,
    auth=READ,
    url_name="open_data",
    summary="The latest open-data dump: its link, SHA-256, size and date",
    description=(
        "The public dump (`remix export-open-data`): the bundle's files without anything "
        "private. Before the first dump, `available` is false and the other fields are null."
    ),
)
def open_data(request):
    dump = open_data_latest()
    if dump is None:
        return OpenDataOut(
            available=False,
            url=None,
            sha256=None,
            bytes=None,
            generated_at=None,
            format=archive.OPEN_FORMAT,
            format_version=None,
            rows=None,
        )
    return OpenDataOut(
        available=True,
        url=request.build_absolute_uri(reverse("portability:open_data_download")),
        sha256=dump.sha256,
        bytes=dump.bytes,
        generated_at=dump.generated_at,
        format=archive.OPEN_FORMAT,
        format_version=dump.format_version,
        rows=dump.rows,
    )
