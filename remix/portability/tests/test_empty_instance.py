"""What counts as an empty instance: what `migrate` writes, and nothing else."""

import pytest

from remix.portability.export import bundle_export
from remix.portability.importing import BundleRefused, bundle_import, instance_rows
from remix.portability.tests.bundles import table_counts


def test_a_new_instance_counts_as_empty(db):
    assert instance_rows() == []


def test_an_instance_with_a_user_is_refused_and_left_as_it_was(db, make_user, tmp_path):
    make_user("ada")
    bundle_export(tmp_path / "one.zip")
    before = table_counts()

    with pytest.raises(BundleRefused) as refused:
        bundle_import(tmp_path / "one.zip")

    assert "n’est pas vide" in str(refused.value) and "accounts.user" in str(refused.value)
    assert table_counts() == before
