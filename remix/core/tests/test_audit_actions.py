"""Every audit action the code writes is said in words, in each language of the site."""

from django.utils import translation

from remix.core.audit_actions import ACTION_LABELS, action_label, object_label
from remix.core.tests.test_audit_events import SOURCE, actions_written


def test_every_action_written_has_its_words_and_every_words_an_action():
    written = set(actions_written(SOURCE))

    assert sorted(written - set(ACTION_LABELS)) == []
    assert sorted(set(ACTION_LABELS) - written) == []


def test_the_words_are_translated_in_french_and_in_spanish():
    with translation.override("en"):
        english = {action: str(label) for action, label in ACTION_LABELS.items()}
    for language in ("fr", "es"):
        with translation.override(language):
            same = sorted(a for a, label in ACTION_LABELS.items() if str(label) == english[a])
        assert same == [], language


def test_an_action_and_an_object_are_read_in_the_active_language():
    with translation.override("fr"):
        assert action_label("ledger.transaction.posted") == "Écriture validée"
        assert object_label("ledger.transaction") == "écriture"
    with translation.override("es"):
        assert action_label("stewardship.handover.done") == (
            "Traspaso firmado por el portador entrante"
        )


def test_an_unknown_code_reads_as_itself():
    assert action_label("app.thing.done") == "app.thing.done"
    assert object_label("app.thing") == "app.thing"
    assert object_label("") == ""
