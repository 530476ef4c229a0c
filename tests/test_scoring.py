from dataclasses import replace

import pytest

from hygiene.model import Category, Finding, Platform, Severity, Status
from hygiene.scoring import grade, score_findings, score_of
from tests.helpers import fake_meta


def meta(check_id="ENC-001", category=Category.ENCRYPTION, severity=Severity.HIGH):
    return fake_meta(check_id, category=category, severity=severity)


def pairs(*specs):
    return [(meta(i, c, sev), Finding(st, "s")) for i, c, sev, st in specs]


@pytest.mark.parametrize(
    ("score", "letter"),
    [(100, "A"), (90, "A"), (89, "B"), (80, "B"), (79, "C"), (70, "C"), (60, "D"), (59, "F"), (0, "F")],
)
def test_grade_boundaries(score, letter):
    assert grade(score) == letter


def test_weighted_score_and_coverage():
    s = score_of([(10, Status.PASS), (6, Status.WARN), (3, Status.FAIL), (1, Status.UNKNOWN)])
    assert s.score == round(100 * (10 + 3) / 19)  # 68
    assert (s.grade, s.decided, s.undecided, s.coverage) == ("D", 3, 1, 0.75)


def test_unknown_error_waived_and_na_never_lower_the_score():
    base = score_of([(10, Status.PASS), (3, Status.PASS)])
    more = score_of(
        [
            (10, Status.PASS),
            (3, Status.PASS),
            (6, Status.UNKNOWN),
            (6, Status.ERROR),
            (6, Status.WAIVED),
            (6, Status.NOT_APPLICABLE),
        ]
    )
    assert base.score == more.score == 100
    assert more.coverage == 0.5  # UNKNOWN and ERROR lower coverage; WAIVED and N/A do not count


def test_no_decided_checks_is_na_not_zero_or_hundred():
    s = score_of([])
    assert (s.score, s.grade, s.coverage) == (None, None, None)


def test_all_unknown():
    s = score_of([(10, Status.UNKNOWN), (3, Status.ERROR)])
    assert (s.score, s.grade, s.coverage, s.undecided) == (None, None, 0.0, 2)


def test_all_waived():
    s = score_of([(10, Status.WAIVED), (3, Status.WAIVED)])
    assert (s.score, s.grade, s.coverage) == (None, None, None)


def test_grade_matches_the_shown_integer():
    s = score_of([(1, Status.PASS)] * 179 + [(1, Status.WARN)] * 21)  # 94.75 -> 95
    assert s.score == 95 and s.grade == "A"
    s = score_of([(1, Status.PASS)] * 179 + [(1, Status.FAIL)] * 21)  # 89.5 is shown as 90, so grade A
    assert (s.score, s.grade) == (90, "A")


def test_every_category_is_present_and_empty_ones_are_na():
    overall, cats, scored = score_findings(
        pairs(
            ("ENC-001", Category.ENCRYPTION, Severity.CRITICAL, Status.FAIL),
            ("MFA-004", Category.MFA, Severity.MEDIUM, Status.PASS),
        ),
        Platform.LINUX,
    )
    assert set(cats) == set(Category)
    assert cats[Category.PASSWORDS].score is None and cats[Category.PASSWORDS].coverage is None
    assert cats[Category.ENCRYPTION].score == 0 and cats[Category.MFA].score == 100
    assert overall.score == round(100 * 3 / 13)


def test_points_say_what_fixing_gains_and_order_the_remediation():
    _, _, scored = score_findings(
        pairs(
            ("ENC-001", Category.ENCRYPTION, Severity.CRITICAL, Status.FAIL),
            ("UPD-003", Category.UPDATES, Severity.HIGH, Status.WARN),
            ("UPD-004", Category.UPDATES, Severity.MEDIUM, Status.FAIL),
            ("MFA-004", Category.MFA, Severity.MEDIUM, Status.PASS),
            ("UPD-001", Category.UPDATES, Severity.CRITICAL, Status.UNKNOWN),
        ),
        Platform.LINUX,
    )
    points = {s.meta.id: s.points for s in scored}
    total = 10 + 6 + 3 + 3
    assert points == {
        "ENC-001": round(100 * 10 / total, 1),
        "UPD-003": round(100 * 6 * 0.5 / total, 1),
        "UPD-004": round(100 * 3 / total, 1),
        "MFA-004": 0.0,
        "UPD-001": 0.0,  # cannot tell, so fixing it is not a known gain
    }
    # Fixing everything that has points takes the score to 100.
    assert sum(points.values()) == pytest.approx(100 * (10 + 3 + 3) / total, abs=0.2)


def test_weight_overrides():
    _, _, scored = score_findings(
        pairs(("ENC-001", Category.ENCRYPTION, Severity.CRITICAL, Status.FAIL)), Platform.LINUX, {"ENC-001": 2}
    )
    assert scored[0].weight == 2


def test_remediation_prefers_the_hosts_linux_family():
    m = replace(meta(), family_remediation={"rhel": "dnf steps"})
    fail = Finding(Status.FAIL, "s")
    assert score_findings([(m, fail)], Platform.LINUX, family="rhel")[2][0].remediation == "dnf steps"
    assert score_findings([(m, fail)], Platform.LINUX, family="debian")[2][0].remediation == "fix"


def test_a_findings_own_step_replaces_the_checks_remediation():
    """An encryption under way needs finishing, not turning on (issue 11)."""
    m = replace(meta(), family_remediation={"rhel": "dnf steps"})
    warn = Finding(Status.WARN, "s", fix="let it finish")
    assert score_findings([(m, warn)], Platform.LINUX, family="rhel")[2][0].remediation == "let it finish"


def test_remediation_is_for_the_hosts_platform():
    _, _, scored = score_findings(
        pairs(("ENC-001", Category.ENCRYPTION, Severity.CRITICAL, Status.FAIL)), Platform.MACOS
    )
    assert scored[0].remediation == ""  # this check has no macOS steps (yet)
    _, _, scored = score_findings(
        pairs(("ENC-001", Category.ENCRYPTION, Severity.CRITICAL, Status.FAIL)), Platform.LINUX
    )
    assert scored[0].remediation == "fix"


def test_coverage_keeps_three_decimals():
    assert score_of([(1, Status.PASS), (1, Status.UNKNOWN), (1, Status.ERROR)]).coverage == 0.333
    assert score_of([(1, Status.PASS), (1, Status.WARN), (1, Status.UNKNOWN)]).coverage == 0.667


def test_each_scored_finding_carries_its_credit():
    statuses = (Status.PASS, Status.WARN, Status.FAIL, Status.UNKNOWN)
    specs = [(f"ENC-00{n}", Category.ENCRYPTION, Severity.HIGH, s) for n, s in enumerate(statuses, 1)]
    _, _, scored = score_findings(pairs(*specs), Platform.LINUX)
    assert [s.credit for s in scored] == [1.0, 0.5, 0.0, None]
