"""The pipeline's forms: the board's filter, a new application, a move along the pipeline, the
financing plan's lines, tasks, documents, hours, a payment and the final report. They parse what
was typed (amounts in the reader's locale) and nothing more; the services decide what may be
written, and their refusals land on the fields they concern."""

import io
import zipfile
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from remix.catalogue.media import sniff
from remix.core.dates import date_validator
from remix.core.forms import ServiceErrors, errors_by_field
from remix.grants.models import FundingSource, PlanLineKind, Stage
from remix.ledger.forms import AmountField, FundChoiceField
from remix.ledger.forms.fields import amount_typed
from remix.ledger.models import Fund

# A grant file is a form, a budget, a letter: a few megabytes at most.
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
MEMBER_ROLES = ("member", "editor", "steward")


def _date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator],
        **kwargs,
    )


def _today():
    return timezone.localdate()


class BoardFilterForm(forms.Form):
    """``?fund=slug&mine=1``: the board of one fund, or only my applications."""

    fund = FundChoiceField(
        label=_("Fund or project"),
        queryset=Fund.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All funds"),
    )
    mine = forms.BooleanField(label=_("Only the applications I own"), required=False)

    def __init__(self, data, *, member: bool):
        super().__init__(data)
        self.fields["fund"].queryset = Fund.objects.order_by("slug")
        if not member:
            del self.fields["mine"]


class ApplicationNewForm(ServiceErrors, forms.Form):
    """Answer an opportunity: for which fund, and how much is asked."""

    fund = FundChoiceField(label=_("For which fund or project"), queryset=Fund.objects.none())
    amount_requested = AmountField(
        label=_("Amount requested"),
        positive=True,
        required=False,
        help_text=_("It can be said later, once the financing plan is written."),
    )

    def __init__(self, *args, opportunity, **kwargs):
        super().__init__(*args, **kwargs)
        fits = list(opportunity.funds.filter(active=True).values_list("pk", flat=True))
        funds = Fund.objects.filter(active=True).order_by("slug")
        self.fields["fund"].queryset = funds
        if len(fits) == 1:
            self.fields["fund"].initial = fits[0]


class StageForm(ServiceErrors, forms.Form):
    """One move along the pipeline, with what that move asks: granting the amount and the date
    of the decision, refusing the reasons, closing the date the final report was accepted."""

    to = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    amount_granted = AmountField(label=_("Amount granted"), positive=True)
    decided_on = _date_field(_("Date of the decision"), initial=_today)
    reasons = forms.CharField(
        label=_("Decision and reasons"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    report_accepted_on = _date_field(_("Final report accepted on"), initial=_today)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, application, to: str, **kwargs):
        kwargs.setdefault("auto_id", f"id_move_{to}_%s")
        super().__init__(*args, initial={"to": to}, **kwargs)
        self.to = to
        if to != Stage.GRANTED:
            del self.fields["amount_granted"]
        if to not in (Stage.GRANTED, Stage.REFUSED):
            del self.fields["decided_on"], self.fields["reasons"]
        elif to == Stage.GRANTED:
            self.fields["reasons"].label = _("Conditions or remarks of the funder")
        else:
            self.fields["reasons"].help_text = _("What the funder said, if anything.")
        if to == Stage.CLOSED:
            if application.report_accepted_on:
                self.fields["report_accepted_on"].initial = application.report_accepted_on
        else:
            del self.fields["report_accepted_on"]
        if to == Stage.GRANTED and application.amount_requested is not None:
            self.fields["amount_granted"].initial = application.amount_requested

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "to": self.to,
            "note": data.get("note", ""),
            "amount_granted": data.get("amount_granted"),
            "decided_on": data.get("decided_on"),
            "reasons": data.get("reasons", ""),
            "report_accepted_on": data.get("report_accepted_on"),
        }


# --- the financing plan --------------------------------------------------------------------------


class PlanLineForm(forms.Form):
    """A line of the plan. A line left empty (no label, no amount) is no line: the editor shows a
    few empty ones to fill."""

    kind = forms.ChoiceField(label=_("Kind"), choices=PlanLineKind.choices, required=False)
    label = forms.CharField(label=_("Label"), max_length=200, required=False)
    amount = AmountField(label=_("Amount"), positive=True, required=False)
    source = forms.ChoiceField(
        label=_("Source (funding)"),
        choices=[("", "—"), *FundingSource.choices],
        required=False,
    )
    volunteer = forms.BooleanField(label=_("Valued volunteer time (cost)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, capfirst(label)) for value, label in PlanLineKind.choices
        ]
        self.fields["source"].choices = [
            ("", "—"),
            *[(value, capfirst(label)) for value, label in FundingSource.choices],
        ]

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("label") and data.get("amount") is None

    def clean(self):
        data = super().clean()
        if self.is_blank or data.get("DELETE"):
            return data
        if not data.get("label"):
            self.add_error("label", _("Name the line."))
        if data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Give its amount."))
        if (data.get("kind") or PlanLineKind.COST) == PlanLineKind.FUNDING and not data.get(
            "source"
        ):
            self.add_error("source", _("Say where this funding comes from."))
        return data

    def line(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or PlanLineKind.COST,
            "label": data["label"],
            "amount": data["amount"],
            "source": data.get("source") or "",
            "volunteer": data.get("volunteer", False),
        }


PLAN_PREFIX = "lines"
PLAN_EMPTY_LINES = 3
PLAN_MORE_LINES = 3


def plan_formset(*, data=None, initial=None, extra=PLAN_EMPTY_LINES):
    factory = forms.formset_factory(PlanLineForm, extra=extra, can_delete=True, max_num=200)
    formset = factory(data=data, initial=initial, prefix=PLAN_PREFIX)
    for form in formset.forms:
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")
    return formset


def plan_initial(application) -> list[dict]:
    """The saved lines, or a start for an empty plan: this grant's line at the amount asked."""
    lines = list(application.plan.all())
    if lines:
        return [
            {
                "kind": line.kind,
                "label": line.label,
                "amount": amount_typed(line.amount_minor, application.commodity),
                "source": line.source,
                "volunteer": line.volunteer,
            }
            for line in lines
        ]
    if application.amount_requested is None:
        return []
    return [
        {
            "kind": PlanLineKind.FUNDING,
            "label": application.opportunity.funder.name,
            "amount": amount_typed(application.amount_requested_minor, application.commodity),
            "source": FundingSource.THIS_GRANT,
        }
    ]


def plan_more(data) -> "forms.BaseFormSet":
    """ "Add lines" without saving: what was typed, shown again, and more empty lines."""
    bound = plan_formset(data=data)
    typed = []
    for form in bound.forms:
        values = {name: form[name].value() for name in ("kind", "label", "amount", "source")}
        values["volunteer"] = bool(form["volunteer"].value())
        if values["label"] or values["amount"]:
            typed.append(values)
    return plan_formset(initial=typed, extra=PLAN_MORE_LINES + PLAN_EMPTY_LINES)


def plan_lines(formset) -> tuple[list[dict], list[PlanLineForm]]:
    """The lines to save, and the form each came from (to put a service's refusal on it)."""
    lines, sources = [], []
    for form in formset.forms:
        if form.is_blank or form.cleaned_data.get("DELETE"):
            continue
        lines.append(form.line())
        sources.append(form)
    return lines, sources


def plan_errors(error: ValidationError, formset, sources: list[PlanLineForm]) -> list[str]:
    """A refusal of ``plan_set`` on the line it names (``plan.3.amount``); the rest above."""
    general = []
    for key, messages in errors_by_field(error).items():
        parts = (key or "").split(".")
        if len(parts) == 3 and parts[0] == "plan" and parts[1].isdigit():
            index, name = int(parts[1]), parts[2]
            if index < len(sources) and name in sources[index].fields:
                for message in messages:
                    sources[index].add_error(name, message)
                continue
        general.extend(messages)
    return general


# --- tasks, documents, hours ---------------------------------------------------------------------


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.public_name


class TaskForm(ServiceErrors, forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    assignee = MemberChoiceField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("— nobody yet —")
    )
    due_on = _date_field(_("Due"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_task_%s")
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(groups__name__in=MEMBER_ROLES) | Q(is_superuser=True))
            .distinct()
            .order_by("display_name", "username")
        )


@dataclass(frozen=True)
class DocumentCheck:
    media_type: str
    extension: str

    def safe_name(self, name: str) -> str:
        stem = slugify((name or "").rsplit("/", 1)[-1].rsplit(".", 1)[0])[:80] or "document"
        return f"{stem}.{self.extension}"


# What a grant file usually is: PDFs, images, plain text, and office documents (OpenDocument or
# Office Open XML), recognised by their content, never by their name.
_SNIFFED = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "text/plain": "txt",
}
_OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_OFFICE_OPEN_XML = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}


def _office_kind(upload) -> DocumentCheck | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                media_type = archive.read("mimetype").decode("ascii", "replace").strip()
                if media_type in _OPENDOCUMENT:
                    return DocumentCheck(media_type, _OPENDOCUMENT[media_type])
            if "[Content_Types].xml" in names:
                for folder, extension in _OFFICE_OPEN_XML.items():
                    if any(name.startswith(folder) for name in names):
                        return DocumentCheck(f"application/x-ooxml-{extension}", extension)
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    return None


def document_check(upload) -> DocumentCheck:
    """The kind of an uploaded document from its first bytes, or why it is refused."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(DOCUMENT_MAX_BYTES)},
            code="document_too_large",
        )
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        found = _office_kind(upload)
    else:
        media_type = sniff(head)
        found = DocumentCheck(media_type, _SNIFFED[media_type]) if media_type in _SNIFFED else None
    if found is None:
        raise ValidationError(
            _(
                "This kind of file is not accepted. Upload a PDF, an image (PNG, JPEG, WebP), a "
                "plain text, or an office document (OpenDocument or Word, Excel, PowerPoint)."
            ),
            code="document_type_refused",
        )
    return found


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Empty: the file's name.")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_document_%s")
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.check = document_check(upload)
        return upload

    def stored_name(self) -> str:
        upload = self.cleaned_data["file"]
        return self.check.safe_name(upload.name)


class HoursForm(ServiceErrors, forms.Form):
    hours_spent = AmountField(
        label=_("Hours spent on this application, in all"),
        help_text=_(
            "Everyone's time together, to the quarter hour: 7,5 is seven hours and a half."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_hours_%s")
        super().__init__(*args, **kwargs)

    def clean_hours_spent(self):
        hours = self.cleaned_data["hours_spent"]
        if hours is not None and hours < 0:
            raise ValidationError(_("Hours spent cannot be negative."))
        return hours


# --- treasurers: a payment, the final report -----------------------------------------------------


class PaymentForm(ServiceErrors, forms.Form):
    amount = AmountField(label=_("Amount received"), positive=True)
    date = _date_field(_("Received on"), initial=_today)
    reference = forms.CharField(label=_("Bank reference"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_payment_%s")
        super().__init__(*args, **kwargs)


class ReportAcceptForm(ServiceErrors, forms.Form):
    on = _date_field(_("The funder accepted the final report on"), initial=_today)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_report_%s")
        super().__init__(*args, **kwargs)
