"""AWR-001..003, waivers, weights and the incident-reporting data."""

from dataclasses import replace
from datetime import date
from urllib.parse import urlparse

import pytest

from hygiene.checks import awareness
from hygiene.data.incident import _data, incident_guide, known_regions
from hygiene.data.regions import ISO_3166_ALPHA2
from hygiene.engine import run_audit, run_one
from hygiene.model import Severity, Status
from hygiene.profile import NEVER, Profile, Training, Waiver
from hygiene.system.recorded import RecordedSystem
from tests.helpers import fake_check, snapshot_doc


def with_profile(**kwargs):
    return RecordedSystem(snapshot_doc(), Profile(**kwargs))


@pytest.mark.parametrize(
    ("attest", "status"),
    [
        ({"training_completed": date(2026, 3, 14)}, Status.PASS),
        ({"training_completed": date(2025, 11, 1)}, Status.FAIL),
        ({"training_completed": NEVER}, Status.FAIL),
        ({}, Status.UNKNOWN),
    ],
)
def test_awr001_training(attest, status):
    f = run_one(with_profile(attest=attest), awareness.training_recent)
    assert f.status is status


SNAPSHOT_OF_NEW_YEAR = "2026-01-01T09:00:00+00:00"


@pytest.mark.parametrize(
    ("check", "key"),
    [(awareness.training_recent, "training_completed"), (awareness.incident_plan, "incident_plan")],
    ids=["AWR-001", "AWR-003"],
)
def test_a_statement_dated_after_the_audits_clock_is_unknown_not_a_pass(check, key):
    """A snapshot recorded on 1 January audited with a profile dated 30 November: the snapshot
    cannot say what the machine was like then (it said PASS "(in 333 days)")."""
    training = (
        {"training": Training(date(2026, 11, 30), 13, 15, "hygiene learn")} if key == "training_completed" else {}
    )
    system = RecordedSystem(
        snapshot_doc(clock=SNAPSHOT_OF_NEW_YEAR), Profile(attest={key: date(2026, 11, 30)}, **training)
    )
    f = run_one(system, check)
    assert f.status is Status.UNKNOWN, f.summary
    assert "2026-11-30" in f.summary and "after this audit's clock (2026-01-01)" in f.summary
    assert "snapshot older than the statement" in f.summary and "in 333 days" not in f.summary
    same_day = RecordedSystem(snapshot_doc(clock="2026-11-30T23:59:00+00:00"), system.profile)
    assert run_one(same_day, check).status is Status.PASS  # the day itself is not after the clock


def test_awr001_unknown_says_how_to_attest():
    f = run_one(with_profile(), awareness.training_recent)
    assert "training_completed = YYYY-MM-DD" in f.summary and "hygiene init" in f.summary


def test_awr002_names_the_regional_contact():
    f = run_one(
        with_profile(region="PK", attest={"incident_reporting_known": date(2026, 11, 1)}),
        awareness.knows_where_to_report,
    )
    assert f.status is Status.PASS and "1799" in f.summary and f.evidence["region"] == "PK"
    f = run_one(with_profile(region="PK", attest={"incident_reporting_known": NEVER}), awareness.knows_where_to_report)
    assert f.status is Status.FAIL and "NCCIA" in f.summary
    f = run_one(with_profile(region="PK"), awareness.knows_where_to_report)
    assert f.status is Status.UNKNOWN
    f = run_one(with_profile(attest={"incident_reporting_known": date(2026, 11, 1)}), awareness.knows_where_to_report)
    assert f.status is Status.UNKNOWN and "no region" in f.summary
    assert '"PK"' not in f.summary  # a check cannot see the user's locale: no country is suggested


@pytest.mark.parametrize(
    ("region", "says"),
    [
        ("US", " In the United States: FBI Internet Crime Complaint Center (IC3), "),
        ("GB", " In the United Kingdom: Report Fraud"),
        ("FR", " In the European Union: "),  # an EU member without its own entry
        ("PK", " In Pakistan: National Cyber Crime Investigation Agency (NCCIA), "),
        ("BR", " Your local or national police: your national police's website or non-emergency number."),
    ],
)
def test_awr002_names_the_region_as_english_does(region, says):
    known = {"incident_reporting_known": date(2026, 11, 1)}
    f = run_one(with_profile(region=region, attest=known), awareness.knows_where_to_report)
    assert says in f.summary and "In anywhere" not in f.summary and "In United" not in f.summary


def test_region_names_read_after_in():
    assert [incident_guide(r).region_name for r in ("US", "GB", "FR", "DE", "PK", "BR")] == [
        "the United States",
        "the United Kingdom",
        "the European Union",
        "Germany",
        "Pakistan",
        "",  # anywhere else: no place to name
    ]


@pytest.mark.parametrize(
    ("environ", "region"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "ur_PK"}, "PK"),
        ({"LANG": "de_DE@euro"}, "DE"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ur_PK.UTF-8"}, "US"),  # LC_ALL first, as POSIX reads them
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, "FR"),
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, None),  # the first one set decides
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "en"}, None),  # a language without a country
        ({"LANG": "en_XX.UTF-8"}, None),  # not a country
        ({"LANG": ""}, None),
        ({}, None),
    ],
)
def test_the_locale_names_a_country_or_nothing(environ, region):
    from hygiene.data.regions import locale_region

    assert locale_region(environ) == region


@pytest.mark.parametrize(
    ("value", "status"),
    [(date(2026, 6, 1), Status.PASS), (date(2024, 6, 1), Status.WARN), (NEVER, Status.FAIL), (None, Status.UNKNOWN)],
)
def test_awr003_incident_plan(value, status):
    attest = {} if value is None else {"incident_plan": value}
    assert run_one(with_profile(attest=attest), awareness.incident_plan).status is status


# --- waivers and weights through the engine ---------------------------------------------------


def make(check_id, status, severity=Severity.HIGH):
    return fake_check(check_id, status, severity=severity)


def test_a_live_waiver_turns_fail_into_waived_and_leaves_the_score():
    waiver = Waiver("UPD-001", "server restarts monthly", date(2026, 12, 31), 3)
    result = run_audit(with_profile(waivers=(waiver,)), [make("UPD-001", Status.FAIL), make("UPD-002", Status.PASS)])
    waived = result.findings[0]
    assert waived.finding.status is Status.WAIVED
    assert waived.finding.summary.startswith(
        "Accepted until 2026-12-31: server restarts monthly. Found: UPD-001 found this"
    )
    assert waived.finding.evidence["waiver"]["status_without_waiver"] == "FAIL"
    assert result.overall.score == 100 and result.overall.coverage == 1.0


def test_an_expired_waiver_stops_applying_and_says_so():
    waiver = Waiver("UPD-001", "old reason", date(2026, 10, 31), 3)
    result = run_audit(with_profile(waivers=(waiver,)), [make("UPD-001", Status.FAIL)])
    f = result.findings[0].finding
    assert f.status is Status.FAIL and "waiver for this expired on 2026-10-31: old reason" in f.summary
    assert result.overall.score == 0


def test_a_waiver_does_not_hide_a_pass_or_an_unknown():
    waiver = Waiver("UPD-001", "x", date(2027, 1, 1), 1)
    for status in (Status.PASS, Status.UNKNOWN):
        result = run_audit(with_profile(waivers=(waiver,)), [make("UPD-001", status)])
        assert result.findings[0].finding.status is status


def test_profile_weights_change_the_score():
    checks = [make("UPD-001", Status.FAIL, Severity.CRITICAL), make("UPD-002", Status.PASS, Severity.LOW)]
    assert run_audit(with_profile(), checks).overall.score == round(100 * 1 / 11)
    assert run_audit(with_profile(weights={"UPD-001": 1}), checks).overall.score == 50


def test_results_carry_the_profile_and_region():
    result = run_audit(with_profile(region="PK"), [make("UPD-001", Status.PASS)])
    assert result.region == "PK"


# --- incident-reporting contacts -------------------------------------------------------------


def test_every_contact_has_a_source_and_a_verified_date():
    data = _data()
    checked = date.fromisoformat(data["checked"])
    for code, region in data["regions"].items():
        assert code in ISO_3166_ALPHA2 or code in ("EU", "*"), code
        assert region["contacts"], code
        for c in region["contacts"]:
            assert urlparse(c["source"]).scheme == "https", (code, c["who"])
            assert date.fromisoformat(c["verified"]) <= checked, (code, c["who"])
            assert c["who"] and c["what"] and c["how"]


def test_the_required_regions_are_there():
    assert {"PK", "US", "GB", "IN", "AU", "CA", "DE", "EU", "*"} <= known_regions()


def test_pakistan_is_nccia_not_the_fia():
    guide = incident_guide("pk")
    first = guide.contacts[0]
    assert "NCCIA" in first.who and "1799" in first.how and "helpdesk@nccia.gov.pk" in first.how
    assert "replaced the FIA Cybercrime Wing" in first.note and "Prevention of Electronic Crimes Act 2016" in first.note
    assert any("PKCERT" in c.who for c in guide.contacts)
    everything = str(_data()["regions"]["PK"])
    assert "nr3c" not in everything.lower()  # the old FIA wing's address must not come back


def test_fallbacks():
    assert incident_guide("FR").region == "EU"  # an EU member without its own entry
    assert incident_guide("BR").region == "*" and incident_guide(None).region == "*"
    assert incident_guide("GB").contacts[0].who.startswith("Report Fraud")  # not Action Fraud, since Dec 2025


def test_profile_replace_keeps_it_frozen():
    with pytest.raises(AttributeError):
        Profile().region = "PK"  # type: ignore[misc]
    assert replace(Profile(), region="PK").region == "PK"
