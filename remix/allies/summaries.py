"""Short generated sentences about the common trunk, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.core.formats import format_percent


def percent(value) -> str:
    return format_percent(value)


def _names(actors, total: int, limit: int = 3) -> str:
    names = [actor.name for actor in actors[:limit]]
    if total > len(names):
        names.append(_("%(count)d more") % {"count": total - len(names)})
    return ", ".join(names)


def trunk_summary(row: dict) -> str:
    sides = _(
        "Held by %(ess)s of the social and solidarity economy actors and %(commons)s of the "
        "commons actors."
    ) % {"ess": percent(row["ess_share"]), "commons": percent(row["commons_share"])}
    bridges, total = row["bridges"], row["counts"]["bridges"]
    if not total:
        return sides + " " + _("No bridge actor holds it yet: a relation to build.")
    return (
        sides
        + " "
        + ngettext(
            "%(count)d bridge actor holds it: %(names)s.",
            "%(count)d bridge actors hold it: %(names)s.",
            total,
        )
        % {"count": total, "names": _names(bridges, total)}
    )
