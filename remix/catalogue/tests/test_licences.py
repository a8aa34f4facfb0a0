"""Licence rules of the catalogue: each case with its expected licence."""

import pytest

from remix.catalogue.licences import (
    LICENCES,
    LicenceRefused,
    attribution,
    licence_get,
    remix_rule,
)


def test_free_licences_are_the_default_and_non_free_ones_are_labelled():
    assert [
        spdx for spdx in ("CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "LAL-1.3") if LICENCES[spdx].free
    ] == ["CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "LAL-1.3"]
    assert not LICENCES["CC-BY-NC-SA-4.0"].free and not LICENCES["CC-BY-ND-4.0"].free
    assert LICENCES["CC-BY-NC-SA-4.0"].name == "CC BY-NC-SA 4.0"
    assert LICENCES["CC-BY-SA-3.0"].url == "https://creativecommons.org/licenses/by-sa/3.0/"


@pytest.mark.parametrize("spdx", ["LicenseRef-All-Rights-Reserved", "", "all rights reserved"])
def test_all_rights_reserved_is_refused(spdx):
    with pytest.raises(LicenceRefused) as refused:
        licence_get(spdx)
    assert refused.value.code == "all_rights_reserved"


def test_an_unknown_licence_is_refused():
    with pytest.raises(LicenceRefused) as refused:
        licence_get("WTFPL")
    assert refused.value.code == "unknown"


@pytest.mark.parametrize(
    ("sources", "proposed", "allowed"),
    [
        (["CC-BY-SA-4.0"], "CC-BY-SA-4.0", ("CC-BY-SA-4.0",)),
        (["CC-BY-SA-3.0"], "CC-BY-SA-4.0", ("CC-BY-SA-4.0", "CC-BY-SA-3.0")),
        (["CC-BY-4.0", "CC-BY-SA-4.0"], "CC-BY-SA-4.0", ("CC-BY-SA-4.0",)),
        (["LAL-1.3"], "LAL-1.3", ("LAL-1.3", "CC-BY-SA-4.0")),
        (["LAL-1.3", "CC-BY-SA-4.0"], "CC-BY-SA-4.0", ("CC-BY-SA-4.0",)),
        (["CC-BY-NC-SA-3.0"], "CC-BY-NC-SA-4.0", ("CC-BY-NC-SA-4.0", "CC-BY-NC-SA-3.0")),
        (["GFDL-1.3-or-later"], "GFDL-1.3-or-later", ("GFDL-1.3-or-later",)),
    ],
)
def test_share_alike_sources_impose_their_licence(sources, proposed, allowed):
    rule = remix_rule(sources)
    assert rule.possible and rule.proposed == proposed and rule.allowed == allowed


def test_attribution_sources_leave_the_remix_free_to_choose_the_most_open_with_credit():
    rule = remix_rule(["CC-BY-4.0", "CC0-1.0"])
    assert rule.proposed == "CC-BY-4.0"
    assert "CC0-1.0" not in rule.allowed  # CC BY asks for credit
    assert remix_rule(["CC0-1.0"]).proposed == "CC0-1.0"


def test_a_non_commercial_source_makes_the_remix_non_commercial():
    rule = remix_rule(["CC-BY-NC-4.0", "CC-BY-4.0"])
    assert rule.proposed == "CC-BY-NC-4.0"
    assert all(LICENCES[spdx].non_commercial for spdx in rule.allowed)


@pytest.mark.parametrize(
    ("sources", "reason", "blocking"),
    [
        (["CC-BY-ND-4.0"], "no_derivatives", ("CC-BY-ND-4.0",)),
        (["CC-BY-4.0", "CC-BY-NC-ND-3.0"], "no_derivatives", ("CC-BY-NC-ND-3.0",)),
        (
            ["CC-BY-SA-4.0", "CC-BY-NC-SA-4.0"],
            "incompatible_share_alike",
            ("CC-BY-NC-SA-4.0", "CC-BY-SA-4.0"),
        ),
        (
            ["CC-BY-NC-4.0", "CC-BY-SA-4.0"],
            "incompatible_share_alike",
            ("CC-BY-NC-4.0", "CC-BY-SA-4.0"),
        ),
        (
            ["GFDL-1.3-or-later", "CC-BY-SA-4.0"],
            "incompatible_share_alike",
            ("CC-BY-SA-4.0", "GFDL-1.3-or-later"),
        ),
    ],
)
def test_impossible_remixes_say_why_and_which_sources(sources, reason, blocking):
    rule = remix_rule(sources)
    assert (rule.possible, rule.reason, rule.blocking, rule.proposed) == (
        False,
        reason,
        blocking,
        None,
    )


def test_attribution_names_title_authors_licence_and_sources():
    assert attribution(
        title="Les semences",
        authors=["Aminata Sow"],
        licence="CC-BY-SA-4.0",
        sources=[("Semences du Sahel", ["Collectif Semences du Sahel"], "CC-BY-4.0")],
    ) == (
        "“Les semences” — Aminata Sow, CC BY-SA 4.0; "
        "from “Semences du Sahel” — Collectif Semences du Sahel, CC BY 4.0."
    )
