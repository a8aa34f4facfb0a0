"""Public pages cached per version of the data they show.

Each domain of data has a version that every write to it bumps, in the same database
transaction as the write: the catalogue's and the network's are rows of ``DataVersion``, bumped
by the saves, deletions and many-to-many changes of their apps' models (``data_versions_track``);
a domain that keeps its own version (the books: ``BooksState``) names its reader
(``data_version_source``). A page cached by ``page_cached`` is keyed by the versions of the
domains it reads, the language, the host and the whole address: a write makes a new key, so a
page is never served older than the data, in any process that shares the cache.

Only what every anonymous reader would see is cached: a GET or HEAD without a signed-in user,
without a message waiting to be shown and without a CSRF token in the page, answered 200.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.apps import AppConfig
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation

from remix.core.models import DataVersion

PAGE_SECONDS = 3600
_sources: dict[str, Callable[[], int]] = {}


def data_version_source(domain: str, reader: Callable[[], int]) -> None:
    """A domain that keeps its own version: how to read it."""
    _sources[domain] = reader


def data_version_bump(domain: str) -> None:
    """A new version of a domain's data (inside the writer's transaction)."""
    bumped = DataVersion.objects.filter(domain=domain).update(version=F("version") + 1)
    if not bumped:
        _, created = DataVersion.objects.get_or_create(domain=domain, defaults={"version": 1})
        if not created:  # another writer created the row meanwhile: bump past its version
            DataVersion.objects.filter(domain=domain).update(version=F("version") + 1)


def data_versions(domains: tuple[str, ...]) -> tuple[int, ...]:
    """The current version of each domain, in order (0 for one never written)."""
    rows = dict(
        DataVersion.objects.filter(
            domain__in=[d for d in domains if d not in _sources]
        ).values_list("domain", "version")
    )
    return tuple(_sources[d]() if d in _sources else rows.get(d, 0) for d in domains)


def data_versions_track(domain: str, app: AppConfig, *, untracked: tuple[str, ...] = ()) -> None:
    """Every save, deletion and many-to-many change of the app's models bumps the domain.

    ``untracked`` names the models written in bulk, which bump the domain themselves: a model
    with a deletion signal is deleted row by row, never in one statement."""

    def bump(sender, **kwargs):
        if kwargs.get("action", "post_").startswith("post_"):
            data_version_bump(domain)

    for model in app.get_models(include_auto_created=True):
        if model.__name__ in untracked:
            continue
        uid = f"remix.core.pagecache:{domain}:{model._meta.label}"
        post_save.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
        if model._meta.auto_created:
            m2m_changed.connect(bump, sender=model, weak=False, dispatch_uid=f"{uid}:m2m")


def data_cached(
    domains: tuple[str, ...],
    key: str,
    compute: Callable[[], object],
    *,
    timeout: int = PAGE_SECONDS,
):
    """What ``compute`` returns, cached per version of ``domains`` (a part of a page that many
    addresses share: a count, the options of a filter)."""
    versions = ".".join(map(str, data_versions(domains)))
    full_key = ":".join(("data", "+".join(domains), versions, key))
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, timeout)
    return found


def _cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def page_key(request, domains: tuple[str, ...]) -> str:
    """The versions of the domains, the day (a page may read today's date: a default period,
    what is due), the language, the host and the address with its query."""
    versions = ".".join(map(str, data_versions(domains)))
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return ":".join(
        (
            "page",
            "+".join(domains),
            versions,
            timezone.localdate().isoformat(),
            translation.get_language(),
            request.get_host(),
            address,
        )
    )


def page_cached(*domains: str, timeout: int = PAGE_SECONDS):
    """A view whose anonymous page is cached per version of ``domains``."""

    def decorate(view):
        @wraps(view)
        def cached(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = page_key(request, domains)
            found = cache.get(key)
            if found is not None:
                content, headers = found
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                cache.set(key, (response.content, dict(response.items())), timeout)
            return response

        return cached

    return decorate
