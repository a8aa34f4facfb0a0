"""A project's forms (stewards, and a project's managers for their own): the project itself,
written in the language of the page, and the carriers, documents and productions added to it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remix.allies.models import Actor, Theme
from remix.catalogue.models import Document
from remix.core.forms import ServiceErrors
from remix.productions.models import Production
from remix.projects.models import ProjectKind, ProjectStatus


def _date(label, *, required=True):
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


class ProjectEditForm(ServiceErrors, forms.Form):
    """A project's words (in the page's language), status, dates and planned budget."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)
    starts = _date(_("Starts"))
    ends = _date(_("Ends"), required=False)
    budget = forms.DecimalField(
        label=_("Planned budget"), min_value=0, max_digits=15, decimal_places=2
    )


class ProjectForm(ProjectEditForm):
    """A new project: its kind too, and the carriers and themes it starts with; its own fund in
    the books is made with it."""

    SERVICE_FIELDS = {"slug": "title", "fund": "title"}

    kind = forms.ChoiceField(label=_("Kind"), choices=ProjectKind.choices)
    carriers = forms.ModelMultipleChoiceField(
        label=_("Carried by"), queryset=Actor.objects.order_by("name"), required=False
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.order_by("code"), required=False
    )
    field_order = ["kind", "title", "description", "status", "starts", "ends", "budget"]


class LinksForm(ServiceErrors, forms.Form):
    """What a manager adds to a project: actors who carry it, documents and productions it made."""

    carriers = forms.ModelMultipleChoiceField(
        label=_("Carried by"), queryset=Actor.objects.order_by("name"), required=False
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents it produced"),
        queryset=Document.objects.visible().order_by("title"),
        required=False,
    )
    productions = forms.ModelMultipleChoiceField(
        label=_("Its productions"), queryset=Production.objects.order_by("slug"), required=False
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("carriers", "documents", "productions")):
            raise forms.ValidationError(_("Choose at least one."))
        return data
