"""The catalogue's media are public files: served at their /media/ address while the document is
shown (a hidden document's file answers 404, as its page is gone)."""

from remix.catalogue.models import Document
from remix.core import files

files.public(Document, "media_file", shown=lambda: Document.objects.visible())
