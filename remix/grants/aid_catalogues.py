"""Public aid catalogues: adapters that turn a catalogue's answer into opportunities.

An adapter is a small object with:

- ``name``: the short name the command takes (``remix import-opportunities --catalogue NAME``);
- ``label``: its name for people;
- ``fetch(params, *, get)``: asks the catalogue for aids matching ``params`` (the catalogue's own
  query parameters) and returns its answer as decoded JSON. It never opens a connection itself:
  ``get(url, *, params=None, headers=None, method="GET")`` is the HTTP getter it is handed —
  ``http_get`` below in real use, a function returning recorded answers in tests;
- ``parse(payload)``: the answer as a list of *opportunity dicts* (below), without touching the
  database, so that a saved answer can be read again at any time.

An opportunity dict holds ``source_key`` (how the same aid is known again: a re-import updates
it), ``funder`` (a name), ``funder_kind`` (a guess, used only for a funder not yet known),
``title``, ``url``, ``kind``, ``currency``, ``amount_min`` / ``amount_max`` / ``amount_typical``
(``Decimal`` in the currency's units, or None), ``max_share`` / ``withheld_share`` (``Decimal``
shares, or None), ``volunteer_time_counts``, ``territory``, ``themes`` (theme codes),
``beneficiary_types`` (legal forms), ``opens_on`` / ``letter_of_intent_on`` / ``decision_on`` /
``report_due_on`` (dates), ``deadline`` (an aware datetime), ``recurrence`` and ``notes``
(Markdown). ``catalogue_import`` writes them through the same checked, all-or-nothing path as a
CSV file (``imports.items_import``).

To add a catalogue: write a class with these four members, add it to ``CATALOGUES``, record a
real answer in ``remix/grants/tests/samples/`` and test ``parse`` and the import with it.
"""

import datetime
import json
import re
import urllib.parse
import urllib.request
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any, Protocol

from django.utils.translation import gettext as _

from remix.core.money import to_minor
from remix.grants import imports
from remix.grants.models import FunderKind, OpportunityKind, Recurrence


class Getter(Protocol):
    def __call__(
        self,
        url: str,
        *,
        params: dict | None = None,
        headers: dict | None = None,
        method: str = "GET",
    ) -> Any: ...


class Catalogue(Protocol):
    name: str
    label: str

    def fetch(self, params: dict, *, get: Getter) -> Any: ...

    def parse(self, payload: Any) -> list[dict]: ...


def http_get(
    url: str, *, params: dict | None = None, headers: dict | None = None, method: str = "GET"
) -> Any:
    """The real getter: one HTTPS request, its JSON answer decoded. Only an operator's command
    calls it; tests hand adapters a getter of recorded answers instead."""
    if params:
        url = f"{url}?{urllib.parse.urlencode(params, doseq=True)}"
    if not url.startswith("https://"):
        raise ValueError(f"not an https address: {url}")
    request = urllib.request.Request(  # noqa: S310 (https only, checked above)
        url,
        method=method,
        headers={"Accept": "application/json", "User-Agent": "Remix", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read().decode("utf-8"))


def catalogue_import(*, catalogue: Catalogue, payload: Any, recorder=None) -> imports.ImportReport:
    """A catalogue's answer (fetched, or saved earlier) imported all or nothing."""
    try:
        opportunities = catalogue.parse(payload)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise imports.ImportRefused(
            None,
            _("This is not an answer of %(catalogue)s (%(error)s).")
            % {"catalogue": catalogue.label, "error": error},
        ) from None
    if not opportunities:
        raise imports.ImportRefused(None, _("The answer holds no funding opportunity."))
    items = [_item(rank, found) for rank, found in enumerate(opportunities, start=1)]
    return imports.items_import(
        items, source=_("Catalogue %(name)s") % {"name": catalogue.label}, recorder=recorder
    )


FIELDS = (
    "title",
    "url",
    "kind",
    "max_share",
    "withheld_share",
    "volunteer_time_counts",
    "territory",
    "beneficiary_types",
    "opens_on",
    "letter_of_intent_on",
    "deadline",
    "decision_on",
    "report_due_on",
    "recurrence",
    "notes",
)


def _item(rank: int, found: dict) -> imports.Item:
    currency = found.get("currency") or "EUR"
    fields = {name: found[name] for name in FIELDS if name in found}
    fields["title"] = (fields.get("title") or "")[:250]
    fields["commodity"] = currency
    for name in ("amount_min", "amount_max", "amount_typical"):
        value = found.get(name)
        fields[f"{name}_minor"] = to_minor(value, currency) if value else None
    return imports.Item(
        line=rank,
        source_key=found["source_key"][:200],
        funder=found["funder"][:200],
        funder_kind_default=found.get("funder_kind") or "",
        fields=fields,
        themes=found.get("themes") or None,
    )


# --- Aides-territoires ---------------------------------------------------------------------------


class AidesTerritoires:
    """The French public aids catalogue « Aides-territoires » (https://aides-territoires.beta.gouv.fr,
    API documented at https://aides-territoires.beta.gouv.fr/data/).

    Its API answers ``GET /api/aids/`` with a page of aids: ``{"count", "next", "previous",
    "results": [aid, …]}`` (50 a page; ``itemsPerPage`` up to 100). An aid has ``id``, ``slug``,
    ``url`` (its page there), ``name``, ``financers`` (names), ``programs``, ``description`` and
    ``eligibility`` (HTML), ``perimeter``, ``origin_url``, ``application_url``, ``categories``
    ("Thème / Catégorie"), ``is_call_for_project``, ``targeted_audiences`` and ``aid_types``
    (labels), ``start_date``, ``predeposit_date``, ``submission_deadline`` (``YYYY-MM-DD``),
    ``subvention_rate_lower_bound`` / ``_upper_bound`` (percentages), ``subvention_comment``,
    ``loan_amount``, ``recoverable_advance_amount`` (euros), ``recurrence`` ("Ponctuelle",
    "Permanente", "Récurrente"), ``contact``, ``date_created``, ``date_updated``…

    Useful query parameters: ``text``, ``targeted_audiences`` (e.g. ``association``),
    ``perimeter`` (an id from ``/api/perimeters/``), ``aid_type`` (``financial``),
    ``call_for_projects_only``, ``apply_before`` (a date), ``categories``, ``backers``.

    The API asks for a key (free, on request from the catalogue's team): the key is exchanged at
    ``/api/connexion/`` (header ``X-AUTH-TOKEN``) for a token valid 24 hours, sent as
    ``Authorization: Bearer …``. Aids that are only engineering help (no money) are left out.
    """

    name = "aides-territoires"
    label = "Aides-territoires"
    BASE = "https://aides-territoires.beta.gouv.fr"
    AIDS = BASE + "/api/aids/"
    CONNEXION = BASE + "/api/connexion/"
    MAX_PAGES = 20

    def __init__(self, api_key: str = ""):
        self.api_key = api_key

    def fetch(self, params: dict, *, get: Getter) -> dict:
        """Every page of the aids matching ``params``, as one answer."""
        headers = {}
        if self.api_key:
            token = get(self.CONNEXION, method="POST", headers={"X-AUTH-TOKEN": self.api_key})
            headers["Authorization"] = f"Bearer {token['token']}"
        results, page, count = [], 1, 0
        while page <= self.MAX_PAGES:
            answer = get(self.AIDS, params={**params, "page": page}, headers=headers)
            count = answer.get("count", 0)
            results.extend(answer.get("results") or [])
            if not answer.get("next"):
                break
            page += 1
        return {"count": count, "next": None, "previous": None, "results": results}

    def parse(self, payload: dict) -> list[dict]:
        return [found for aid in payload["results"] if (found := self.aid(aid)) is not None]

    def aid(self, aid: dict) -> dict | None:
        """One aid as an opportunity dict; None when it brings no money or names no funder."""
        kind = self._kind(aid)
        financers = [name for name in aid.get("financers") or [] if name]
        if kind is None or not financers:
            return None
        page = urllib.parse.urljoin(self.BASE, aid.get("url") or f"/aides/{aid.get('slug', '')}/")
        amount = aid.get("loan_amount") or aid.get("recoverable_advance_amount")
        upper = aid.get("subvention_rate_upper_bound")
        deadline = _date(aid.get("submission_deadline"))
        return {
            "source_key": f"{self.name}:{aid['id']}",
            "funder": financers[0],
            "funder_kind": funder_kind_guess(financers[0], aid.get("programs") or []),
            "title": (aid.get("name") or "").strip(),
            "url": aid.get("origin_url") or aid.get("application_url") or page,
            "kind": kind,
            "currency": "EUR",
            "amount_min": None,
            "amount_max": Decimal(str(amount)) if amount else None,
            "amount_typical": None,
            "max_share": Decimal(str(upper)) / 100 if upper and 0 < upper <= 100 else None,
            "withheld_share": None,
            "volunteer_time_counts": False,
            "territory": territory_of(aid.get("perimeter") or ""),
            "themes": [],
            "beneficiary_types": _legal_forms(aid.get("targeted_audiences") or []),
            "opens_on": _date(aid.get("start_date")),
            "letter_of_intent_on": _date(aid.get("predeposit_date")),
            "deadline": imports.day_end(deadline) if deadline else None,
            "decision_on": None,
            "report_due_on": None,
            "recurrence": Recurrence.YEARLY if aid.get("recurrence") == "Récurrente" else "",
            "notes": self._notes(aid, financers, page),
        }

    @staticmethod
    def _kind(aid: dict) -> str | None:
        types = set(aid.get("aid_types") or [])
        if not types & FINANCIAL_TYPES:
            return None
        if aid.get("is_call_for_project"):
            return OpportunityKind.CALL_FOR_PROJECTS
        if types & {"Prêt", "Avance récupérable"} and "Subvention" not in types:
            return OpportunityKind.LOAN
        return OpportunityKind.GRANT

    @staticmethod
    def _notes(aid: dict, financers: list[str], page: str) -> str:
        parts = [html_text(aid.get("description") or "")]
        eligibility = html_text(aid.get("eligibility") or "")
        if eligibility:
            parts.append(f"**{_('Eligibility')}**\n\n{eligibility}")
        low, high = aid.get("subvention_rate_lower_bound"), aid.get("subvention_rate_upper_bound")
        if low or high:
            parts.append(
                _("Grant rate: %(low)s to %(high)s %% of the cost.")
                % {"low": low or 0, "high": high or 100}
            )
        if aid.get("subvention_comment"):
            parts.append(aid["subvention_comment"].strip())
        if len(financers) > 1:
            parts.append(_("Co-funders: %(names)s.") % {"names": ", ".join(financers[1:])})
        if aid.get("categories"):
            parts.append(_("Categories: %(names)s.") % {"names": "; ".join(aid["categories"])})
        contact = html_text(aid.get("contact") or "")
        if contact:
            parts.append(f"**{_('Contact')}**\n\n{contact}")
        parts.append(f"[{_('This aid on Aides-territoires')}]({page})")
        return "\n\n".join(part for part in parts if part)


FINANCIAL_TYPES = frozenset(
    {
        "Subvention",
        "Prêt",
        "Avance récupérable",
        "Certificat d'économie d'énergie (CEE)",
        "Autre aide financière",
    }
)

AUDIENCES = {
    "Associations": "association",
    "Communes": "local_authority",
    "Intercommunalités / Pays": "local_authority",
    "Départements": "local_authority",
    "Régions": "local_authority",
    "Entreprises privées": "company",
    "Établissements publics (écoles, bibliothèques…) / Services de l'État": "public_body",
}


def _legal_forms(audiences: list[str]) -> list[str]:
    forms = []
    for audience in audiences:
        form = AUDIENCES.get(audience)
        if form and form not in forms:
            forms.append(form)
    return forms


def _date(value) -> datetime.date | None:
    if not value:
        return None
    return datetime.date.fromisoformat(str(value)[:10])


TERRITORIES = {"france": "FR", "france métropolitaine": "FR", "europe": "EU"}


def territory_of(perimeter: str) -> str:
    return TERRITORIES.get(perimeter.strip().lower(), perimeter.strip()[:120])


# Words in a funder's name, and what they say of its kind; the first that matches wins. A guess
# only: it names a funder not yet known, and a person may correct it on the allies' side.
FUNDER_WORDS = (
    (r"\b(union européenne|européen|feder|fse|leader|erasmus|interreg)\b", FunderKind.EUROPEAN),
    (r"\bfondation\b|\bfonds de dotation\b", FunderKind.FOUNDATION),
    (
        r"\b(région|département|conseil|commune|ville|métropole|communauté|agglomération|"
        r"collectivité|mairie)\b",
        FunderKind.LOCAL_AUTHORITY,
    ),
    (r"\b(ulule|kisskissbankbank|helloasso|miimosa|proarti)\b", FunderKind.CROWDFUNDING),
    (r"\b(onu|unesco|oif|francophonie|banque mondiale|nations unies)\b", FunderKind.INTERNATIONAL),
    (r"\b(sa|sas|groupe|entreprise)\b", FunderKind.COMPANY),
)


def funder_kind_guess(name: str, programs: list[str]) -> str:
    text = " ".join([name, *programs]).lower()
    for pattern, kind in FUNDER_WORDS:
        if re.search(pattern, text):
            return kind
    return FunderKind.STATE_AGENCY  # ministries, agencies, public banks: the catalogue's most


class _TextOf(HTMLParser):
    """An aid's HTML as plain Markdown paragraphs and list items."""

    BLOCKS = {"p", "div", "br", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def html_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n(- )", r"\n\1", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    # A list right after a paragraph needs a blank line in CommonMark.
    text = re.sub(r"([^\n])\n- ", r"\1\n\n- ", text, count=1)
    return text.strip()


# The catalogues the command knows, by name.
CATALOGUES = {AidesTerritoires.name: AidesTerritoires}


def catalogue_get(name: str, *, api_key: str = "") -> Catalogue:
    """The adapter of that name (``KeyError`` for an unknown one)."""
    return CATALOGUES[name](api_key=api_key)
