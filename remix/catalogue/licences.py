"""Licences of the catalogue, by SPDX identifier, and what a remix of several sources may be.

Pure rules, no Django: the catalogue's forms and API turn the codes into translated messages.
Free licences (CC0, CC BY, CC BY-SA, Free Art, GFDL…) are the default; non-free ones (NC, ND) are
accepted and labelled; "all rights reserved" is refused, since the commons cannot be appropriated.

A remix takes the conditions of every source: one ND source forbids it; share-alike sources impose
their licence (Free Art 1.3 and CC BY-SA 4.0 are declared compatible, one way: a Free Art work
may be remixed under CC BY-SA 4.0); a non-commercial source makes the remix non-commercial; two
copyleft licences that cannot meet make the remix impossible.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    spdx: str
    name: str
    url: str
    free: bool
    attribution: bool = True
    share_alike: bool = False
    non_commercial: bool = False
    no_derivatives: bool = False
    # The licence a share-alike work keeps, e.g. "CC-BY-SA" for every version of CC BY-SA.
    family: str = ""
    version: tuple[int, ...] = ()


def _cc(code: str, version: str, *, sa=False, nc=False, nd=False) -> Licence:
    parts = code.split("-")[1:]
    return Licence(
        spdx=f"{code}-{version}",
        name=f"CC {'-'.join(parts)} {version}",
        url=f"https://creativecommons.org/licenses/{'-'.join(p.lower() for p in parts)}/{version}/",
        free=not (nc or nd),
        share_alike=sa,
        non_commercial=nc,
        no_derivatives=nd,
        family=code,
        version=tuple(int(n) for n in version.split(".")),
    )


LICENCES: dict[str, Licence] = {
    licence.spdx: licence
    for licence in [
        Licence(
            "CC0-1.0",
            "CC0 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            free=True,
            attribution=False,
            family="CC0",
            version=(1, 0),
        ),
        *[
            _cc(code, version, sa="SA" in code, nc="NC" in code, nd="ND" in code)
            for version in ("3.0", "4.0")
            for code in (
                "CC-BY",
                "CC-BY-SA",
                "CC-BY-NC",
                "CC-BY-NC-SA",
                "CC-BY-ND",
                "CC-BY-NC-ND",
            )
        ],
        Licence(
            "LAL-1.3",
            "Licence Art Libre 1.3",
            "https://artlibre.org/licence/lal/",
            free=True,
            share_alike=True,
            family="LAL",
            version=(1, 3),
        ),
        Licence(
            "GFDL-1.3-or-later",
            "GNU FDL 1.3 or later",
            "https://www.gnu.org/licenses/fdl-1.3.html",
            free=True,
            share_alike=True,
            family="GFDL",
            version=(1, 3),
        ),
    ]
}

# Refused: the commons cannot be appropriated.
ALL_RIGHTS_RESERVED = "LicenseRef-All-Rights-Reserved"


class LicenceRefused(ValueError):
    """``code`` says why, for the caller to translate: "unknown", "all_rights_reserved"."""

    def __init__(self, code: str, spdx: str):
        super().__init__(f"{code}: {spdx}")
        self.code, self.spdx = code, spdx


def licence_get(spdx: str) -> Licence:
    spdx = (spdx or "").strip()
    if spdx == ALL_RIGHTS_RESERVED or spdx.lower() in ("", "all rights reserved", "none"):
        raise LicenceRefused("all_rights_reserved", spdx)
    try:
        return LICENCES[spdx]
    except KeyError:
        raise LicenceRefused("unknown", spdx) from None


@dataclass(frozen=True)
class RemixRule:
    """What the sources allow: ``possible``, and if so the licences a remix may take (the
    strictest first), with ``reason`` a code when it is not possible."""

    possible: bool
    allowed: tuple[str, ...] = ()
    reason: str = ""
    blocking: tuple[str, ...] = ()  # the sources' licences that make it impossible

    @property
    def proposed(self) -> str | None:
        """The licence to propose: the most open the sources allow (what they impose, if so)."""
        return self.allowed[0] if self.allowed else None


# The licences a remix may take when nothing imposes one, from the most to the least open.
_OPEN_ORDER = [
    "CC0-1.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "LAL-1.3",
    "GFDL-1.3-or-later",
    "CC-BY-NC-4.0",
    "CC-BY-NC-SA-4.0",
]


def _share_alike_targets(licence: Licence) -> set[str]:
    """The licences a remix of one share-alike work may take."""
    if licence.family == "LAL":
        return {"LAL-1.3", "CC-BY-SA-4.0"}  # declared compatible by Creative Commons (2014)
    if licence.family == "GFDL":
        return {"GFDL-1.3-or-later"}
    # CC BY-SA and BY-NC-SA: the same licence, this version or a later one.
    return {
        other.spdx
        for other in LICENCES.values()
        if other.family == licence.family and other.version >= licence.version
    }


def remix_rule(sources: list[str]) -> RemixRule:
    """The licences a remix of these sources (SPDX identifiers) may take."""
    licences = [licence_get(spdx) for spdx in sources]
    if not licences:
        return RemixRule(possible=True, allowed=tuple(_OPEN_ORDER))
    no_derivatives = tuple(sorted({each.spdx for each in licences if each.no_derivatives}))
    if no_derivatives:
        return RemixRule(possible=False, reason="no_derivatives", blocking=no_derivatives)
    candidates = {spdx for spdx, each in LICENCES.items() if not each.no_derivatives}
    for licence in licences:
        if licence.share_alike:
            candidates &= _share_alike_targets(licence)
    if any(licence.non_commercial for licence in licences):
        candidates = {spdx for spdx in candidates if LICENCES[spdx].non_commercial}
    if any(licence.attribution for licence in licences):
        candidates = {spdx for spdx in candidates if LICENCES[spdx].attribution}
    if not candidates:
        blocking = tuple(
            sorted({each.spdx for each in licences if each.share_alike or each.non_commercial})
        )
        return RemixRule(possible=False, reason="incompatible_share_alike", blocking=blocking)
    allowed = sorted(candidates, key=_proposal_order)
    copyleft = {licence.spdx for licence in licences if licence.share_alike}
    if copyleft == {"LAL-1.3"}:
        # A Free Art work is remixed under Free Art first; CC BY-SA 4.0 is the other way open.
        allowed.remove("LAL-1.3")
        allowed.insert(0, "LAL-1.3")
    return RemixRule(possible=True, allowed=tuple(allowed))


def _proposal_order(spdx: str) -> tuple:
    """Free before non-free, then the most open (what the sources impose is all that is left
    when they impose something), the latest version first."""
    licence = LICENCES[spdx]
    order = _OPEN_ORDER.index(spdx) if spdx in _OPEN_ORDER else len(_OPEN_ORDER)
    return (not licence.free, order, tuple(-n for n in licence.version), spdx)


def attribution(
    *,
    title: str,
    authors: list[str],
    licence: str,
    url: str = "",
    sources: list[tuple[str, list[str], str]] = (),
    derived_from: str = "from",
    quote=lambda text: f"“{text}”",
) -> str:
    """A TASL line (title, author, source, licence), with what a remix derives from
    (``derived_from`` is the word before each source and ``quote`` quotes a title, both in the
    reader's language)."""
    text = quote(title)
    if authors:
        text += " — " + ", ".join(authors)
    if url:
        text += f" ({url})"
    text += f", {LICENCES[licence].name}"
    for source_title, source_authors, source_licence in sources:
        text += f"; {derived_from} {quote(source_title)}"
        if source_authors:
            text += " — " + ", ".join(source_authors)
        text += f", {LICENCES[source_licence].name}"
    return text + "."
