"""Opportunities brought in bulk: from a CSV file, or from a public aid catalogue
(``aid_catalogues.py``), through one path — every item is checked before anything is written, then
all are written in one database transaction. A bad file is refused whole, with the line and the
reason; running the same file again updates what it brought, never duplicates it.

The CSV file (UTF-8, comma or semicolon separated, a header line naming the columns, in any
order; only ``funder`` and ``title`` are required):

==========================  ==============================================================
``funder``                  the funder's name; an actor of the allies with that name (a new
                            name adds one)
``funder_kind``             foundation, local_authority, state_agency, international,
                            european, company or crowdfunding (needed for a new funder)
``title``                   the programme or call
``url``                     its address
``kind``                    grant (when empty), operating, call_projects, call_commons,
                            sponsorship, prize or loan
``amount_min``              amounts in the currency's units: ``15000``, ``15000.50``,
``amount_max``              ``15 000,50`` (a dot or a comma as the decimal mark, no other
``amount_typical``          thousands separator than spaces)
``currency``                ISO 4217 code; EUR when empty
``max_share``               the most of the total cost it may cover: ``60 %`` or ``0.6``
``withheld_share``          the share paid after the final report: ``20 %`` or ``0.2``
``volunteer_time_counts``   yes / no (oui / non, true / false, 1 / 0): valued volunteer time
                            counts as co-financing
``territory``               FR, SN, EU, a region…; empty for anywhere
``themes``                  theme codes of the allies, separated by ``;``
``beneficiary_types``       legal forms that may apply (association; scop; …), separated by ``;``
``opens_on``                dates: ``2026-03-01`` or ``01/03/2026``
``letter_of_intent_on``
``deadline``                a date (the end of that day) or a date and time
                            (``2026-03-01 12:00``, ``2026-03-01T12:00+01:00``); without an
                            offset, in the instance's time zone (``TIME_ZONE``)
``decision_on``             dates
``report_due_on``
``recurrence``              empty (once) or yearly
``notes``                   Markdown
==========================  ==============================================================

An opportunity of the file is known again by ``csv:<funder slug>:<title slug>`` (the address
when the title has no letter): change its amounts or deadline and import again to update it.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction as db
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remix.allies import services as allies
from remix.allies.models import Actor, ActorKind, LegalForm, Theme
from remix.core.imports import ImportRefused
from remix.core.money import HOUR, MoneyError, commodity_read, to_minor
from remix.grants.models import (
    PUBLIC_FUNDERS,
    Funder,
    FunderKind,
    OpportunityKind,
    Recurrence,
)
from remix.grants.services.opportunities import funder_set, opportunity_save

COLUMNS = (
    "funder",
    "funder_kind",
    "title",
    "url",
    "kind",
    "amount_min",
    "amount_max",
    "amount_typical",
    "currency",
    "max_share",
    "withheld_share",
    "volunteer_time_counts",
    "territory",
    "themes",
    "beneficiary_types",
    "opens_on",
    "letter_of_intent_on",
    "deadline",
    "decision_on",
    "report_due_on",
    "recurrence",
    "notes",
)
REQUIRED = ("funder", "title")
# What each column holds, for the import page.
COLUMN_HELP = (
    ("funder", gettext_lazy("The funder's name among the allies (required); a new name adds it.")),
    (
        "funder_kind",
        gettext_lazy(
            "foundation, local_authority, state_agency, international, european, company or "
            "crowdfunding; needed for a new funder."
        ),
    ),
    ("title", gettext_lazy("The programme or call (required).")),
    ("url", gettext_lazy("Its address.")),
    (
        "kind",
        gettext_lazy(
            "grant (when empty), operating, call_projects, call_commons, sponsorship, prize, loan."
        ),
    ),
    (
        "amount_min, amount_max, amount_typical",
        gettext_lazy("In the currency's units: 15000 or 15 000,50."),
    ),
    ("currency", gettext_lazy("ISO code; EUR when empty.")),
    ("max_share", gettext_lazy("The most of the total cost it may cover: 60 % or 0.6.")),
    ("withheld_share", gettext_lazy("The share paid after the final report: 20 % or 0.2.")),
    (
        "volunteer_time_counts",
        gettext_lazy("yes or no: valued volunteer time counts as co-financing."),
    ),
    ("territory", gettext_lazy("FR, SN, EU, a region…; empty for anywhere.")),
    ("themes", gettext_lazy("Theme codes of the allies, separated by ;")),
    (
        "beneficiary_types",
        gettext_lazy("Legal forms that may apply (association; scop…), separated by ;"),
    ),
    (
        "opens_on, letter_of_intent_on, decision_on, report_due_on",
        gettext_lazy("Dates: 2026-03-01 or 01/03/2026."),
    ),
    (
        "deadline",
        gettext_lazy(
            "A date (the end of that day) or a date and time (2026-03-01 12:00); without an "
            "offset, in the platform's time zone."
        ),
    ),
    ("recurrence", gettext_lazy("Empty (once) or yearly.")),
    ("notes", gettext_lazy("Markdown.")),
)
LIST_SEPARATOR = ";"
END_OF_DAY = datetime.time(23, 59)
YES = {"yes", "y", "true", "1", "oui", "o", "vrai", "sí", "si", "x"}
NO = {"no", "n", "false", "0", "non", "faux", ""}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    funders_created: list[str] = field(default_factory=list)


@dataclass
class Item:
    """One opportunity to bring in: where it was read (a line, an item's rank), its funder, and
    the fields given (a field left out keeps its value on update)."""

    line: int
    source_key: str
    funder: str
    funder_kind: str = ""  # "" keeps a known funder's kind
    funder_kind_default: str = ""  # for a new funder only (a catalogue's guess)
    fields: dict = field(default_factory=dict)
    themes: list[str] | None = None  # theme codes; None leaves them as they are


# --- reading a CSV file --------------------------------------------------------------------------


def csv_read(content: str) -> list[Item]:
    """Every line of the file as an ``Item``, or ``ImportRefused`` at the first bad one."""
    content = content.lstrip("\ufeff")
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if not any(header):
        raise ImportRefused(None, _("The file is empty."))
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        raise ImportRefused(
            1,
            _("unknown column « %(column)s »; the columns are: %(columns)s.")
            % {"column": unknown[0], "columns": ", ".join(COLUMNS)},
        )
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused(1, _("the column « %(column)s » is missing.") % {"column": missing[0]})
    reader.fieldnames = header
    items, keys = [], {}
    try:
        for row in reader:
            if None in row:
                raise ImportRefused(reader.line_num, _("more values than columns."))
            values = {name: (value or "").strip() for name, value in row.items() if name}
            if not any(values.values()):
                continue
            try:
                item = _csv_item(values, header, reader.line_num)
            except ValidationError as error:
                raise ImportRefused(reader.line_num, " ".join(error.messages)) from None
            if item.source_key in keys:
                raise ImportRefused(
                    reader.line_num,
                    _("the same funder and call as line %(line)s.")
                    % {"line": keys[item.source_key]},
                )
            keys[item.source_key] = reader.line_num
            items.append(item)
    except csv.Error as error:
        raise ImportRefused(reader.line_num, str(error)) from None
    if not items:
        raise ImportRefused(None, _("The file holds no opportunity."))
    return items


def _csv_item(values: dict, header: list[str], line: int) -> Item:
    """One line of the file read, or ``ValidationError`` with the reason."""
    funder, title, url = _csv_names(values)
    fields = _csv_fields(values, header, title=title)
    funder_kind = values.get("funder_kind", "")
    if funder_kind:
        funder_kind = _choice(funder_kind, FunderKind, "funder_kind")
    themes = None
    if "themes" in header:
        themes = [code.strip() for code in values["themes"].split(LIST_SEPARATOR) if code.strip()]
    return Item(
        line=line,
        source_key=csv_key(funder, title, url),
        funder=funder,
        funder_kind=funder_kind,
        fields=fields,
        themes=themes,
    )


def _csv_names(values: dict) -> tuple[str, str, str]:
    """What names the opportunity: its funder and title (both required), and its address."""
    funder = values.get("funder", "")
    title = values.get("title", "")
    if not funder:
        raise ValidationError(_("the funder is missing."))
    if not title:
        raise ValidationError(_("the title is missing."))
    if len(funder) > 200 or len(title) > 250:
        raise ValidationError(_("the funder's name or the title is too long."))
    url = values.get("url", "")
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            raise ValidationError(
                _("« %(value)s » is not a web address.") % {"value": url}
            ) from None
    return funder, title, url


def _csv_fields(values: dict, header: list[str], *, title: str) -> dict:
    """The opportunity's fields of the columns the file has (a column left out keeps its value
    on update), amounts in minor units of the line's currency."""
    commodity = _currency(values.get("currency", ""))
    fields = {"title": title, "commodity": commodity}
    for name, read in _csv_readers(commodity).items():
        if name in header:
            target = f"{name}_minor" if name.startswith("amount_") else name
            fields[target] = read(values.get(name, ""))
    if "kind" not in header:
        fields["kind"] = OpportunityKind.GRANT
    low, high = fields.get("amount_min_minor"), fields.get("amount_max_minor")
    if low is not None and high is not None and low > high:
        raise ValidationError(_("the minimum is above the maximum."))
    return fields


def _csv_readers(commodity: str) -> dict:
    """How each column's text is read, by column."""
    return {
        "url": lambda value: value,
        "kind": lambda value: _choice(value or OpportunityKind.GRANT, OpportunityKind, "kind"),
        "amount_min": lambda value: _amount(value, commodity),
        "amount_max": lambda value: _amount(value, commodity),
        "amount_typical": lambda value: _amount(value, commodity),
        "max_share": lambda value: _share(value, "max_share"),
        "withheld_share": lambda value: _share(value, "withheld_share", withheld=True),
        "volunteer_time_counts": _yes_no,
        "territory": _territory,
        "beneficiary_types": _legal_forms,
        "opens_on": date_parse,
        "letter_of_intent_on": date_parse,
        "deadline": deadline_parse,
        "decision_on": date_parse,
        "report_due_on": date_parse,
        "recurrence": lambda value: _recurrence(value),
        "notes": lambda value: value,
    }


def csv_key(funder: str, title: str, url: str = "") -> str:
    return f"csv:{slugify(funder)[:60]}:{slugify(title)[:120] or url[:130]}"


def _choice(value: str, choices, column: str) -> str:
    value = value.strip().lower()
    if value not in choices.values:
        raise ValidationError(
            _("« %(value)s » is not a %(column)s; use one of: %(values)s.")
            % {
                "value": value,
                "column": column,
                "values": ", ".join(v for v in choices.values if v),
            }
        )
    return value


def _currency(value: str) -> str:
    if not value:
        return "EUR"
    try:
        code = commodity_read(value)
    except MoneyError:
        code = HOUR
    if code == HOUR:
        raise ValidationError(_("Unknown currency: %(code)s.") % {"code": value})
    return code


_DECIMAL = re.compile(r"^[0-9]+([.,][0-9]+)?$")


def _number(value: str) -> Decimal:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", value).replace("€", "")
    if not _DECIMAL.match(cleaned):
        raise ValidationError(_("« %(value)s » is not a number.") % {"value": value})
    return Decimal(cleaned.replace(",", "."))


def _amount(value: str, commodity: str) -> int | None:
    if not value:
        return None
    amount = _number(value)
    try:
        minor = to_minor(amount, commodity)
    except MoneyError:
        raise ValidationError(
            _("%(amount)s has too many decimals for %(code)s.")
            % {"amount": value, "code": commodity}
        ) from None
    if minor <= 0:
        raise ValidationError(_("an amount must be above zero."))
    return minor


def share_parse(value: str, *, withheld: bool = False) -> Decimal | None:
    """« 60 % » and « 0.6 » are both 0.6; a bare number above 1 is read as a percentage."""
    if not value:
        return None
    percent = "%" in value
    number = _number(value.replace("%", ""))
    share = number / 100 if percent or number > 1 else number
    share = share.quantize(Decimal("0.0001"))
    if withheld and not (0 <= share < 1):
        raise ValidationError(_("a withheld share is from 0 to less than 100 %."))
    if not withheld and not (0 < share <= 1):
        raise ValidationError(_("a share of the cost is above 0 and at most 100 %."))
    return share


def _share(value: str, column: str, *, withheld: bool = False) -> Decimal | None:
    try:
        return share_parse(value, withheld=withheld)
    except (ValidationError, InvalidOperation) as error:
        raise ValidationError(
            _("%(column)s: %(reason)s")
            % {"column": column, "reason": " ".join(getattr(error, "messages", [str(error)]))}
        ) from None


def _yes_no(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise ValidationError(_("« %(value)s » is neither yes nor no.") % {"value": value})


def _territory(value: str) -> str:
    if len(value) > 120:
        raise ValidationError(_("the territory is too long."))
    return value.upper() if len(value) <= 3 else value


def _legal_forms(value: str) -> list[str]:
    forms = [part.strip().lower() for part in value.split(LIST_SEPARATOR) if part.strip()]
    for form in forms:
        if form not in LegalForm.values or not form:
            raise ValidationError(
                _("« %(value)s » is not a legal form; use one of: %(values)s.")
                % {"value": form, "values": ", ".join(v for v in LegalForm.values if v)}
            )
    return forms


def _recurrence(value: str) -> str:
    lowered = value.strip().lower()
    if lowered in ("", "once", "none", "no"):
        return Recurrence.NONE
    if lowered in ("yearly", "annual", "every year"):
        return Recurrence.YEARLY
    raise ValidationError(
        _("« %(value)s » is not a recurrence: empty or yearly.") % {"value": value}
    )


_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def date_parse(value: str) -> datetime.date | None:
    """2026-03-01 or 01/03/2026 (day first)."""
    value = value.strip()
    if not value:
        return None
    try:
        found = _DAY_FIRST.match(value)
        if found:
            day, month, year = (int(part) for part in found.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("« %(value)s » is not a date (2026-03-01 or 01/03/2026).") % {"value": value}
        ) from None


def deadline_parse(value: str) -> datetime.datetime | None:
    """A date alone is the end of that day; a date and time without an offset is in the
    instance's time zone."""
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}", value):
        return day_end(date_parse(value))
    found = re.match(r"^(\d{1,2}/\d{1,2}/\d{4})[ T](.+)$", value)
    if found:
        value = f"{date_parse(found.group(1)).isoformat()}T{found.group(2)}"
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("« %(value)s » is not a date or a date and time (2026-03-01 12:00).")
            % {"value": value}
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def day_end(day: datetime.date) -> datetime.datetime:
    """The end of a day in the instance's time zone: a deadline given as a date."""
    return timezone.make_aware(
        datetime.datetime.combine(day, END_OF_DAY), timezone.get_default_timezone()
    )


# --- writing -------------------------------------------------------------------------------------


def funder_find(name: str) -> Funder | Actor | None:
    """The funder of that name, or else the actor of that name (not yet a funder), or None."""
    actors = list(Actor.objects.filter(name__iexact=name.strip()).select_related("funder"))
    for actor in actors:
        if hasattr(actor, "funder"):
            return actor.funder
    return actors[0] if actors else None


def funder_resolve(
    *, name: str, kind: str = "", source: str = "", recorder=None
) -> tuple[Funder, bool]:
    """The funder of that name among the allies: its kind set when given; an actor without a
    funder row gets one; a name not among the allies adds an actor (``source`` says where it
    came from). Returns the funder and whether an actor was added."""
    found = funder_find(name)
    if isinstance(found, Funder) and (not kind or kind == found.kind):
        return found, False
    if found is None:
        if not kind:
            raise ValidationError(
                {"funder_kind": _("Say what kind of funder %(name)s is.") % {"name": name}}
            )
        actor = allies.actor_create(
            name=name.strip(),
            kind=ActorKind.PUBLIC_AUTHORITY if kind in PUBLIC_FUNDERS else ActorKind.FUNDER,
            source=source,
            recorder=recorder,
        )
        return funder_set(actor=actor, kind=kind, recorder=recorder), True
    actor = found.actor if isinstance(found, Funder) else found
    if not kind:
        raise ValidationError(
            {"funder_kind": _("Say what kind of funder %(name)s is.") % {"name": name}}
        )
    return funder_set(actor=actor, kind=kind, recorder=recorder), False


def items_check(items: list[Item]) -> dict[str, Theme]:
    """What needs the database, checked before anything is written: the themes exist, and each
    new funder has a kind. Returns the themes by code (a merged theme answers for its
    survivor)."""
    codes = {code for item in items for code in (item.themes or [])}
    themes = {theme.code: theme.survivor for theme in Theme.objects.filter(code__in=codes)}
    for item in items:
        for code in item.themes or []:
            if code not in themes:
                raise ImportRefused(
                    item.line, _("no theme has the code « %(code)s ».") % {"code": code}
                )
        kind = item.funder_kind or item.funder_kind_default
        if not kind and not isinstance(funder_find(item.funder), Funder):
            raise ImportRefused(
                item.line,
                _("%(name)s is a new funder: say its kind (funder_kind).") % {"name": item.funder},
            )
    return themes


def items_import(items: list[Item], *, source: str, recorder=None) -> ImportReport:
    """Write every item in one transaction: all of them, or (on the first refusal) none."""
    themes = items_check(items)
    report = ImportReport()
    with db.atomic():
        for item in items:
            try:
                _item_write(item, themes, source, recorder, report)
            except ValidationError as error:
                raise ImportRefused(item.line, " ".join(error.messages)) from None
    return report


def _item_write(item: Item, themes: dict, source: str, recorder, report: ImportReport) -> None:
    known = funder_find(item.funder)
    kind = item.funder_kind or ("" if isinstance(known, Funder) else item.funder_kind_default)
    funder, added = funder_resolve(name=item.funder, kind=kind, source=source, recorder=recorder)
    if added:
        report.funders_created.append(funder.name)
    data = dict(item.fields)
    if item.themes is not None:
        data["themes"] = [themes[code] for code in item.themes]
    _opportunity, created = opportunity_save(
        funder=funder, data=data, source_key=item.source_key, recorder=recorder
    )
    if created:
        report.created += 1
    else:
        report.updated += 1


def opportunity_save_typed(
    *, funder: str, funder_kind: str, data: dict, opportunity=None, recorder=None
):
    """An opportunity as a member typed it, its funder given by name and kind (a name not yet
    among the allies adds an actor): both written, or neither."""
    with db.atomic():
        found, _added = funder_resolve(
            name=funder, kind=funder_kind, source=_("Funding search"), recorder=recorder
        )
        return opportunity_save(funder=found, data=data, opportunity=opportunity, recorder=recorder)


def csv_import(content: str, *, recorder=None) -> ImportReport:
    """A CSV file of opportunities (see the module's documentation), all or nothing."""
    return items_import(
        csv_read(content), source=_("CSV import of opportunities"), recorder=recorder
    )


def file_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(None, _("The file is not UTF-8 text.")) from None
