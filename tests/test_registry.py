import re
from dataclasses import replace

import pytest

from hygiene.checks.base import Check
from hygiene.errors import UserError
from hygiene.model import Category, Platform
from hygiene.registry import CHECKS, PREFIXES, find_check, select_checks, validate


def test_ids_are_unique_well_formed_and_match_their_category():
    ids = [c.meta.id for c in CHECKS]
    assert len(ids) == len(set(ids))
    for c in CHECKS:
        assert re.fullmatch(r"(PWD|MFA|UPD|ENC|BAK|AWR|DEV)-\d{3}", c.meta.id)
        assert c.meta.id.startswith(PREFIXES[c.meta.category])
    assert set(PREFIXES) == set(Category)


def test_every_check_explains_itself_for_each_platform_it_supports():
    for c in CHECKS:
        m = c.meta
        assert m.platforms and m.title and len(m.rationale) > 60 and m.references
        for platform in m.platforms:
            assert len(m.remediation.get(platform, "")) > 40, (m.id, platform)
        assert set(m.remediation) <= set(Platform)


def bad(meta_changes):
    c = CHECKS[0]
    return Check(replace(c.meta, **meta_changes), c.run)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "MFA-4"}, "malformed"),
        ({"id": "ENC-004"}, "does not match its category"),
        ({"remediation": {}}, "no remediation for linux"),
        ({"family_remediation": {"gentoo": "emerge"}}, "unknown families"),
    ],
)
def test_validate_rejects_a_broken_catalogue(changes, message):
    with pytest.raises(RuntimeError, match=message):
        validate([bad(changes)])


def test_validate_rejects_duplicate_ids():
    with pytest.raises(RuntimeError, match="used twice"):
        validate([CHECKS[0], CHECKS[0]])


def test_find_check_is_case_insensitive_and_suggests():
    assert find_check(" enc-001 ").meta.id == "ENC-001"
    with pytest.raises(UserError, match="Did you mean UPD-003"):
        find_check("UPD-03")
    with pytest.raises(UserError, match="hygiene checks"):
        find_check("XYZ")


def test_selection_keeps_catalogue_order():
    chosen = select_checks(["updates"], [], ["UPD-004"])
    assert [c.meta.id for c in chosen] == ["UPD-001", "UPD-002", "UPD-003", "UPD-005"]
    assert select_checks() == CHECKS


@pytest.mark.parametrize(
    ("categories", "only", "skip", "why"),
    [
        ([], ["ENC-001"], ["enc-001"], "--skip ENC-001 leaves out every check that --only chose"),
        (["backups"], ["ENC-001,UPD-003"], [], "none of --only ENC-001, UPD-003 is in --category backups"),
        (["mfa"], [], [f"MFA-00{n}" for n in range(1, 6)], "leaves out every check that --category chose"),
        (["mfa"], ["MFA-001"], ["MFA-001"], "leaves out every check that --only and --category chose"),
        ([], [], [",".join(c.meta.id for c in CHECKS)], "--skip AWR-001, AWR-002"),
    ],
)
def test_a_selection_that_leaves_nothing_to_run_is_a_usage_error(categories, only, skip, why):
    with pytest.raises(UserError, match="no check is left to run") as caught:
        select_checks(categories, only, skip)
    assert why in str(caught.value)
