"""The areas of the platform (DESIGN.md). An area without its app yet shows what it will hold.

When an area's app lands, it sets ``url_name`` to its own page and the placeholder disappears.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    slug: str
    title: Promise
    summary: Promise
    will_hold: Promise
    url_name: str | None = None  # the app's own page, once built

    @property
    def url(self) -> str:
        if self.url_name:
            return reverse(self.url_name)
        return reverse("web:area", kwargs={"slug": self.slug})

    @property
    def is_placeholder(self) -> bool:
        return self.url_name is None


AREAS = [
    Area(
        "catalogue",
        _("Catalogue"),
        _("Documents about the commons, in several languages, under free licences."),
        _(
            "Videos, interviews, definitions and remixes, described together with free "
            "metadata, searchable in French, English and Spanish."
        ),
        url_name="catalogue:home",
    ),
    Area(
        "allies",
        _("Allies"),
        _("The map of the network and the common trunk of both movements."),
        _(
            "The actors of the social and solidarity economy and of the commons, their "
            "relations, and the themes both movements share."
        ),
        url_name="allies:map",
    ),
    Area(
        "budget",
        _("Open budget"),
        _("Needs and resources of the platform, in the open."),
        _(
            "Double-entry books kept in the open: where the money comes from, where it goes, "
            "the platform apart from the mediation projects."
        ),
        url_name="ledger:budget",
    ),
    Area(
        "projects",
        _("Mediation projects"),
        _("Publications, meetings and fiestas that feed the platform, on their own funds."),
        _(
            "What is running, planned and done, and how each project is financed, apart "
            "from the platform's own budget."
        ),
        url_name="projects:list",
    ),
    Area(
        "contribute",
        _("Contribute"),
        _("Give money, time or know-how to keep the platform alive."),
        _("One-time and monthly contributions, crowdfunding campaigns and matching rounds."),
        url_name="contributions:home",
    ),
    Area(
        "funding",
        _("Funding search"),
        _("Calls for projects and grants, from spotted to granted."),
        _(
            "Grants and calls that fit the network, their deadlines in a calendar, and the "
            "financing plan checked before submission."
        ),
        url_name="grants:search",
    ),
    Area(
        "stewardship",
        _("Stewardship"),
        _("Who carries the platform now, and how the charge passes on."),
        _(
            "The organisations that carry the platform in turn, their commitments, and the "
            "handover from one to the next."
        ),
        url_name="stewardship:history",
    ),
    Area(
        "studio",
        _("Study office"),
        _("Services that share their revenue with the people who carry the commons."),
        _(
            "Services, quotes and invoices of the study office, and the rules that share what "
            "each engagement earns."
        ),
        url_name="studio:catalogue",
    ),
    Area(
        "experiments",
        _("Experiments"),
        _("Hypotheses and challenges measured on the platform's own data."),
        _("Questions, hypotheses, live metrics and targets with a deadline, and what we learnt."),
        url_name="experiments:list",
    ),
]

AREAS_BY_SLUG = {area.slug: area for area in AREAS}
