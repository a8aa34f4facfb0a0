"""The charter's pages: the version in force, the public history, one version, a diff between
two, and the stewards' edit page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from remix.charter import selectors, services
from remix.charter.forms import CharterForm
from remix.charter.models import LANGUAGE_CODES, CharterVersion
from remix.core.forms import service_errors_show
from remix.core.permissions import can_edit_charter, role_required

PER_PAGE = 50


def _language(code: str) -> str:
    if code not in LANGUAGE_CODES:
        raise Http404
    return code


def _languages(current: str) -> list[dict]:
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_translated"],
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def _version_context(request, version: CharterVersion) -> dict:
    latest = selectors.charter_current(language=version.language)
    return {
        "version": version,
        "articles": [a for a in selectors.charter_articles(version) if a.level <= 2],
        "in_force": latest is not None and latest.pk == version.pk,
        "latest": latest,
        "can_edit": can_edit_charter(request.user),
    }


def current(request):
    language = get_language()
    version = selectors.charter_in_force(language=language)
    context = {"languages": _languages(language), "can_edit": can_edit_charter(request.user)}
    if version is not None:
        context.update(_version_context(request, version))
    return render(request, "charter/current.html", context)


def history(request, language: str):
    language = _language(language)
    page = Paginator(selectors.charter_versions(language=language), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "charter/history.html",
        {
            "language": language,
            "languages": _languages(language),
            "page": page,
            "can_edit": can_edit_charter(request.user),
        },
    )


def version(request, language: str, number: int):
    try:
        found = selectors.charter_version(language=_language(language), number=number)
    except CharterVersion.DoesNotExist:
        raise Http404 from None
    return render(request, "charter/version.html", _version_context(request, found))


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def diff(request, language: str):
    language = _language(language)
    before, after = _number(request.GET.get("from")), _number(request.GET.get("to"))
    if before > after:
        before, after = after, before
    try:
        compared = selectors.charter_diff(language=language, before=before, after=after)
    except CharterVersion.DoesNotExist:
        raise Http404 from None
    return render(request, "charter/diff.html", {"diff": compared, "language": language})


@role_required(can_edit_charter)
def edit(request, language: str):
    language = _language(language)
    current_version = selectors.charter_current(language=language)
    based_on = current_version.number if current_version else None
    initial = {"based_on": based_on, "body": current_version.body if current_version else ""}
    form = CharterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            published = services.charter_publish(
                language=language,
                body=form.cleaned_data["body"],
                summary=form.cleaned_data["summary"],
                based_on=form.cleaned_data["based_on"],
                author=request.user,
            )
        except ValidationError as error:
            service_errors_show(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)d is published and in force.") % {"number": published.number},
            )
            return redirect(published)
    return render(
        request,
        "charter/edit.html",
        {
            "form": form,
            "language": language,
            "language_name": get_language_info(language)["name_translated"],
            "current": current_version,
        },
    )
