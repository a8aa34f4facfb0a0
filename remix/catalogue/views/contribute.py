"""Members write to the catalogue: new documents, edits, translations, remixes, commons.

Each page is one form with two buttons: “Preview” shows the page as it would read and saves
nothing; “Save” calls the service, whose refusals land on the fields they concern.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from remix.catalogue.forms.commons import CommonsForm
from remix.catalogue.forms.documents import DocumentForm
from remix.catalogue.forms.fields import MAX_SOURCES
from remix.catalogue.models import Document
from remix.catalogue.selectors.commons import commons_for
from remix.catalogue.selectors.documents import documents_for
from remix.catalogue.services import revisions
from remix.core.permissions import can_contribute, role_required
from remix.core.uploads import upload_limit


def _saved(request, form, message: str) -> None:
    messages.success(request, message)
    if form.themes_advice:
        messages.warning(request, form.themes_advice)


def _document_save(author, form, document):
    data, summary = form.service_data(), form.cleaned_data["edit_summary"]
    if document is None:
        return revisions.document_create(author=author, data=data, summary=summary)
    return revisions.document_update(document=document, author=author, data=data, summary=summary)


def _commons_save(author, form, commons):
    data, summary = form.service_data(), form.cleaned_data["edit_summary"]
    if commons is None:
        return revisions.commons_create(author=author, data=data, summary=summary)
    return revisions.commons_update(commons=commons, author=author, data=data, summary=summary)


def _document_page(request, *, mode, heading, document=None, original=None, initial=None):
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        mode=mode,
        document=document,
        original=original,
        initial=initial or {},
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.preview()
        else:
            try:
                saved = _document_save(request.user, form, document)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                _saved(request, form, _("“%(title)s” is saved.") % {"title": saved.title})
                return redirect(saved)
    return render(
        request,
        "catalogue/document_form.html",
        {
            "form": form,
            "mode": mode,
            "heading": heading,
            "document": document,
            "original": original,
            "preview": preview,
        },
    )


@upload_limit("CATALOGUE_MEDIA_MAX_BYTES")
@role_required(can_contribute)
def document_create(request):
    """A new document; `?remix=a&remix=b` starts a remix of those documents."""
    asked = request.GET.getlist("remix")[:MAX_SOURCES]
    if asked:
        return _document_page(
            request,
            mode="remix",
            heading=_("New remix"),
            initial={"kind": "remix", "sources": "\n".join(asked)},
        )
    return _document_page(request, mode="create", heading=_("New document"))


@upload_limit("CATALOGUE_MEDIA_MAX_BYTES")
@role_required(can_contribute)
def document_remix(request, slug):
    source = get_object_or_404(Document.objects.visible(), slug=slug)
    others = [other for other in request.GET.getlist("remix") if other != source.slug]
    return _document_page(
        request,
        mode="remix",
        heading=_("Remix “%(title)s”") % {"title": source.title},
        initial={"kind": "remix", "sources": "\n".join([source.slug, *others][:MAX_SOURCES])},
    )


@upload_limit("CATALOGUE_MEDIA_MAX_BYTES")
@role_required(can_contribute)
def document_edit(request, slug):
    document = get_object_or_404(documents_for(request.user), slug=slug)
    return _document_page(
        request,
        mode="edit",
        heading=_("Edit “%(title)s”") % {"title": document.title},
        document=document,
        initial=DocumentForm.initial_for(document),
    )


@upload_limit("CATALOGUE_MEDIA_MAX_BYTES")
@role_required(can_contribute)
def document_translate(request, slug):
    original = get_object_or_404(Document.objects.visible(), slug=slug)
    return _document_page(
        request,
        mode="translate",
        heading=_("Translate “%(title)s”") % {"title": original.title},
        original=original,
        initial=DocumentForm.initial_translating(original),
    )


def _commons_page(request, *, mode, heading, commons=None, initial=None):
    form = CommonsForm(request.POST or None, mode=mode, commons=commons, initial=initial or {})
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.preview()
        else:
            try:
                saved = _commons_save(request.user, form, commons)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                _saved(request, form, _("“%(name)s” is saved.") % {"name": saved.label})
                return redirect(saved)
    return render(
        request,
        "catalogue/commons_form.html",
        {"form": form, "mode": mode, "heading": heading, "commons": commons, "preview": preview},
    )


@role_required(can_contribute)
def commons_create(request):
    return _commons_page(request, mode="create", heading=_("New commons"))


@role_required(can_contribute)
def commons_edit(request, slug):
    commons = get_object_or_404(commons_for(request.user), slug=slug)
    return _commons_page(
        request,
        mode="edit",
        heading=_("Edit “%(name)s”") % {"name": commons.label},
        commons=commons,
        initial=CommonsForm.initial_for(commons),
    )


urlpatterns = [
    path("documents/new/", document_create, name="document_create"),
    path("documents/<slug:slug>/edit/", document_edit, name="document_edit"),
    path("documents/<slug:slug>/translate/", document_translate, name="document_translate"),
    path("documents/<slug:slug>/remix/", document_remix, name="document_remix"),
    path("commons/new/", commons_create, name="commons_create"),
    path("commons/<slug:slug>/edit/", commons_edit, name="commons_edit"),
]
