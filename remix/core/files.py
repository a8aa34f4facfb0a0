"""Who may download which uploaded file, and how the bytes leave.

Every ``FileField`` of every model is declared here, once, by its app's ``files.py``:

- ``public(...)``: files anybody may read at their ``/media/`` address, as long as the object
  that holds them is shown to the public (a hidden catalogue document's file is not served);
- ``protected(...)``: files kept in the private storage (outside ``MEDIA_ROOT``, under a random
  name), served only by ``protected_file`` at ``/files/<kind>/<id>/`` after the same permission
  as the page they belong to.

A test walks every model and fails when a ``FileField`` is declared neither way.

The bytes are streamed by Django, or handed to the reverse proxy (``X-Accel-Redirect`` for nginx,
``X-Sendfile`` for Apache and lighttpd) as ``REMIX_FILE_SENDER`` says.
"""

import mimetypes
import os
import posixpath
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.module_loading import import_string
from django.utils.text import get_valid_filename

# Shown in the page or the browser's tab; anything else (SVG included: it runs scripts) is saved.
INLINE_IMAGES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"})
# A downloaded file that a browser would still open is kept from running anything.
FILE_CSP = "default-src 'none'; sandbox"


# --- where protected files live, and under which name -------------------------------------------


class PrivateStorage(FileSystemStorage):
    """The disk folder of protected files: outside ``MEDIA_ROOT``, so no web server serves it."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, base_url=None, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("A protected file has no public address: link to its view.")


def private_storage():
    """The storage of protected files, as ``STORAGES["private"]`` says (a private bucket on S3).

    Built here rather than taken from ``django.core.files.storage.storages``: a FileField asks for
    it when its model is imported, and reading ``storages`` that early would freeze ``STORAGES``
    before the settings are complete."""
    config = settings.STORAGES.get("private") or {"BACKEND": "remix.core.files.PrivateStorage"}
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


def _extension(filename: str) -> str:
    extension = posixpath.splitext(filename or "")[1].lower()
    return extension if extension[1:].isalnum() and len(extension) <= 10 else ""


@deconstructible
class RandomName:
    """``upload_to`` that keeps only the extension: ``ledger/receipts/3f2a…9c.pdf``. The name the
    file came with stays in the database, for the download."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder}/{uuid.uuid4().hex}{_extension(filename)}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


class ProtectedFieldFile(FieldFile):
    @property
    def url(self):
        self._require_file()
        return file_url(self.instance, self.field.name)


class ProtectedFileField(models.FileField):
    """The field of a protected file: whatever asks its ``.url`` (a template, the admin, the API)
    gets the address of its view, never a storage's."""

    attr_class = ProtectedFieldFile


# --- the registry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicFiles:
    model: type
    field: str
    shown: Callable  # () -> the queryset of objects whose file anybody may read


@dataclass(frozen=True)
class ProtectedFiles:
    kind: str  # in the address: /files/<kind>/<id>/
    model: type
    field: str
    may_see: Callable  # (user, obj) -> bool: the permission of the object's page
    filename: Callable  # obj -> the name the download gets

    def allows_anonymous(self, obj) -> bool:
        from django.contrib.auth.models import AnonymousUser

        return bool(self.may_see(AnonymousUser(), obj))


REGISTRY: dict[tuple[str, str], PublicFiles | ProtectedFiles] = {}


def _key(model, field: str) -> tuple[str, str]:
    return (model._meta.label_lower, field)


def public(model, field: str, *, shown: Callable) -> None:
    REGISTRY[_key(model, field)] = PublicFiles(model, field, shown)


def protected(model, field: str, *, kind: str, may_see: Callable, filename: Callable) -> None:
    if any(isinstance(e, ProtectedFiles) and e.kind == kind for e in REGISTRY.values()):
        raise ValueError(f"Two kinds of protected files are called {kind!r}.")
    REGISTRY[_key(model, field)] = ProtectedFiles(kind, model, field, may_see, filename)


def declared(model, field: str) -> PublicFiles | ProtectedFiles | None:
    return REGISTRY.get(_key(model, field))


def protected_kinds() -> dict[str, ProtectedFiles]:
    return {e.kind: e for e in REGISTRY.values() if isinstance(e, ProtectedFiles)}


def file_url(obj, field: str | None = None) -> str:
    """The address of an object's file: its view for a protected one, ``/media/…`` otherwise."""
    from django.urls import reverse

    entries = [e for (label, _f), e in REGISTRY.items() if label == obj._meta.label_lower]
    entry = next((e for e in entries if field in (None, e.field)), None)
    if entry is None:
        raise LookupError(f"{obj._meta.label}.{field or '?'} is not declared in remix.core.files.")
    if isinstance(entry, ProtectedFiles):
        return reverse("protected_file", kwargs={"kind": entry.kind, "pk": obj.pk})
    return getattr(obj, entry.field).url


# --- sending the bytes ----------------------------------------------------------------------------


def _download_name(filename: str, stored: str) -> str:
    name = get_valid_filename(posixpath.basename(filename or "")) if filename else ""
    name = name or "file"
    extension = _extension(stored)
    if extension and not name.lower().endswith(extension):
        name += extension
    return name


def send_file(storage, name: str, *, filename: str, alias: str) -> HttpResponse:
    """The file's bytes (or the proxy's order to send them), with headers that keep a browser
    from running it: images inline, everything else as an attachment; ``nosniff``; a sandbox."""
    if not name or not storage.exists(name):
        raise Http404(filename)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = content_type in INLINE_IMAGES
    download = _download_name(filename, name)
    sender = settings.REMIX_FILE_SENDER
    local = isinstance(storage, FileSystemStorage)
    if sender == "nginx" and local:
        response = HttpResponse(content_type=content_type)
        prefix = settings.REMIX_FILE_SENDER_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = quote(f"{prefix}/{alias}/{name}")
    elif sender == "sendfile" and local:
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = storage.path(name)
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, download)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response


def protected_file(request, kind: str, pk: int):
    """A protected file, to whoever may see its page: log in first, then 403 without the right."""
    entry = protected_kinds().get(kind)
    if entry is None:
        raise Http404(kind)
    obj = get_object_or_404(entry.model, pk=pk)
    if not entry.may_see(request.user, obj):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    stored = getattr(obj, entry.field)
    response = send_file(stored.storage, stored.name, filename=entry.filename(obj), alias="private")
    response["Cache-Control"] = "private, no-store"
    return response


def public_media(request, path: str):
    """A file under ``MEDIA_ROOT``, only when it belongs to a public object that is shown."""
    for entry in REGISTRY.values():
        if isinstance(entry, PublicFiles) and entry.shown().filter(**{entry.field: path}).exists():
            storage = entry.model._meta.get_field(entry.field).storage
            return send_file(storage, path, filename=posixpath.basename(path), alias="media")
    raise Http404(path)


# --- for migrations -------------------------------------------------------------------------------


def move_into_private(model, field: str, folder: str) -> int:
    """Move each file of ``model.field`` from ``MEDIA_ROOT`` (where it had its uploaded name) to
    the private storage under a random name; the database follows. Safe to run again: a file
    already moved, or missing, is left alone. Returns how many moved."""
    from django.core.files.storage import default_storage
    from django.db import transaction

    private = private_storage()
    moved = 0
    rows = model.objects.exclude(**{field: ""}).values_list("pk", field)
    for pk, name in rows.iterator():
        if private.exists(name) or not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as source:
            saved = private.save(RandomName(folder)(None, name), source)
        model.objects.filter(pk=pk).update(**{field: saved})
        # The old copy goes once the new name is committed, never before.
        transaction.on_commit(lambda old=name: default_storage.delete(old))
        moved += 1
    return moved
