"""The open-data page: the latest dump, its size, date and SHA-256, and its download. The dump is
not catalogue media: its bytes leave only through ``open_data_download``."""

from django.shortcuts import redirect, render

from remix.core.files import send_file
from remix.portability.opendata import open_data_latest, open_data_storage


def open_data(request):
    return render(request, "portability/open_data.html", {"dump": open_data_latest()})


def open_data_download(request):
    """The latest dump as an attachment; before the first one, the page that says so."""
    dump = open_data_latest()
    if dump is None:
        return redirect("portability:open_data")
    response = send_file(
        open_data_storage(), dump.name, filename=dump.download_name, alias="open-data"
    )
    response["ETag"] = f'"{dump.sha256}"'
    response["Cache-Control"] = "public, max-age=300"
    return response
