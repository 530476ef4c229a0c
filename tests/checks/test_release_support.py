"""UPD-005 and its support table: releases within releases (service packs, minor releases,
feature updates) and paid extended support, which only an [attest] statement turns into a PASS.
The audit clock is tests.helpers.CLOCK (2026-11-27), the day the table was checked."""

from datetime import date, timedelta

import pytest

from hygiene.data.eol import Release, support_table
from hygiene.engine import run_one
from hygiene.model import Platform, Status
from hygiene.profile import NEVER, NO_PROFILE, Profile
from hygiene.registry import BY_ID
from hygiene.system.recorded import RecordedSystem
from tests.helpers import CLOCK, fixture, snapshot_doc

TODAY = date.fromisoformat(CLOCK[:10])
ENROLLED = Profile(attest={"extended_support": date(2026, 10, 1)})
NT = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
VERSION_VALUES = ("ProductName", "DisplayVersion", "ReleaseId", "CurrentBuild", "CurrentBuildNumber", "UBR",
                  "EditionID", "InstallationType")  # fmt: skip
EDITION = {
    "home": "Core",
    "pro": "Professional",
    "enterprise": "Enterprise",
    "ltsc": "EnterpriseS",
    "server": "ServerStandard",
}


def upd005(doc, profile=NO_PROFILE):
    return run_one(RecordedSystem(doc, profile), BY_ID["UPD-005"])


def linux(os_release):
    return snapshot_doc(files={"/etc/os-release": os_release})


def os_release(os_id, version):
    """A minimal os-release in the real format; SLES spells the service pack in VERSION."""
    if not version:
        return f"NAME={os_id}\nID={os_id}\nBUILD_ID=rolling\n"
    major, _, sp = version.partition(".")
    shown = f"{major}-SP{sp}" if os_id == "sles" and sp else version
    return f'ID="{os_id}"\nVERSION="{shown}"\nVERSION_ID="{version}"\nPRETTY_NAME="{os_id} {version}"\n'


def mac(version):
    sw_vers = f"ProductName:\t\tmacOS\nProductVersion:\t\t{version}\nBuildVersion:\t\t24A335\n"
    return snapshot_doc(platform="macos", commands={("sw_vers",): (0, sw_vers, "")})


def windows(build, edition, kind="Client", display="", clock=CLOCK):
    values = {"ProductName": "Windows 10 Pro", "CurrentBuild": str(build), "EditionID": edition,
              "InstallationType": kind, **({"DisplayVersion": display} if display else {})}  # fmt: skip
    return snapshot_doc(platform="windows", registry={(NT, VERSION_VALUES): values}, clock=clock)


def machine_for(row: Release):
    if row.os == "macos":
        return mac(f"{row.version}.1")
    if row.os == "windows":
        return windows(row.version, EDITION[row.channel], "Server" if row.channel == "server" else "Client")
    return linux(os_release(row.os, row.version))


def expected(row: Release, enrolled: bool) -> Status:
    """What the row's own dates say on TODAY, worked out apart from the check."""
    if row.rolling:
        return Status.PASS
    extension = row.extended_until is not None and TODAY <= row.extended_until
    if row.uncertain_on(TODAY):
        if extension:
            return Status.PASS if enrolled and (row.extended_until - TODAY).days > 90 else Status.WARN
        return Status.FAIL if row.extended_until else Status.WARN
    if row.security_until is None:
        return Status.PASS
    if TODAY <= row.security_until:
        return Status.WARN if (row.security_until - TODAY).days <= 90 else Status.PASS
    if extension and enrolled:
        return Status.WARN if (row.extended_until - TODAY).days <= 90 else Status.PASS
    return Status.FAIL


ROWS = support_table().releases


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.os}-{r.version or 'rolling'}-{r.channel}" for r in ROWS])
def test_every_row_is_found_from_its_own_machine_and_judged_by_its_dates(row):
    for profile, enrolled in ((NO_PROFILE, False), (ENROLLED, True)):
        f = upd005(machine_for(row), profile)
        assert f.evidence["source"] == row.source and f.evidence["security_until"] == str(row.security_until or "")
        assert f.status is expected(row, enrolled), (row.name, enrolled, f.summary)
        if row.extended_until:
            assert f.evidence["extended_support_until"] == row.extended_until.isoformat()


# --- SUSE: service packs with their own dates, LTSS ----------------------------------------------


def test_sles_12_sp5_is_past_general_support_and_fails_unless_ltss_is_attested():
    doc = linux(fixture("linux/os-release/sles-12-sp5.txt"))
    lines = {"/etc/os-release": ['VERSION="12-SP5"', 'VERSION_ID="12.5"', 'ID="sles"']}
    f = upd005(doc)
    assert f.status is Status.FAIL and f.evidence["/etc/os-release"] == lines["/etc/os-release"]
    assert f.summary == (
        "SUSE Linux Enterprise Server 12 SP5's standard security updates ended on 2024-10-31; only Long Term "
        "Service Pack Support (LTSS, paid) covers it, until 2027-10-31. If this machine is enrolled, add "
        "`extended_support = YYYY-MM-DD` under [attest]."
    )
    f = upd005(doc, ENROLLED)
    assert f.status is Status.PASS and f.summary.startswith(
        "Attested: enrolled in Long Term Service Pack Support (LTSS, paid) on 2026-10-01, which covers it until "
        "2027-10-31; SUSE Linux Enterprise Server 12 SP5's standard security updates ended on 2024-10-31."
    )
    assert {k: f.evidence[k] for k in ("attested", "extended_support_until", "security_until")} == {
        "attested": "2026-10-01",
        "extended_support_until": "2027-10-31",
        "security_until": "2024-10-31",
    }


def test_sles_15_sp4_ltss_ending_soon_is_a_warn_even_attested():
    f = upd005(linux(fixture("linux/os-release/sles-15-sp4.txt")), ENROLLED)
    assert f.status is Status.WARN and "which ends on 2026-12-31, in 34 days" in f.summary
    assert f.evidence["/etc/os-release"] == ['VERSION="15-SP4"', 'VERSION_ID="15.4"', 'ID="sles"']


def test_sles_15_ga_is_past_its_ltss_and_fails_even_attested():
    """VERSION_ID "15" is the GA release, not "the latest 15": its LTSS ended in 2022."""
    f = upd005(linux(fixture("linux/os-release/sles-15.txt")), ENROLLED)
    assert f.status is Status.FAIL and f.summary == (
        "SUSE Linux Enterprise Server 15 (GA)'s standard security updates ended on 2019-12-31, and Long Term "
        "Service Pack Support (LTSS, paid) ended on 2022-12-31: your extended_support statement does not help."
    )
    assert f.evidence["/etc/os-release"] == ['VERSION="15"', 'VERSION_ID="15"', 'ID="sles"']


@pytest.mark.parametrize(
    ("doc", "page"),
    [
        (linux(os_release("ubuntu", "28.04")), " (https://ubuntu.com/about/release-cycle)"),
        (
            windows(27000, "Professional"),
            " (https://learn.microsoft.com/en-us/windows/release-health/windows11-release-information)",
        ),
        (linux(os_release("plan9", "4")), ""),  # no row of its own: no page to name
    ],
)
def test_a_release_not_in_the_table_says_what_to_do(doc, page):
    f = upd005(doc)
    assert f.status is Status.UNKNOWN
    assert f.summary.endswith(
        f"it may be newer than the table: update hygiene, or check the vendor's lifecycle page{page}."
    )


def test_an_unknown_service_pack_is_unknown_never_the_latest_ones_date():
    f = upd005(linux(os_release("sles", "15.8")))
    assert f.status is Status.UNKNOWN and "newer than the table" in f.summary
    assert f.evidence["/etc/os-release"] == ['ID="sles"', 'VERSION="15-SP8"', 'VERSION_ID="15.8"']


# --- Red Hat and its rebuilds: minor releases, EUS -----------------------------------------------


def test_rhel_9_2_is_an_old_minor_release_whose_eus_is_over_too():
    f = upd005(linux(fixture("linux/os-release/rhel-9.2.txt")), ENROLLED)
    assert f.status is Status.FAIL and f.summary == (
        "Red Hat Enterprise Linux 9.2 (Plow) is an old point release: newer ones replaced it (Red Hat Enterprise "
        "Linux 9.8 is the newest hygiene knows), and it gets no security updates of its own."
    )
    assert f.evidence["superseded_by"] == "Red Hat Enterprise Linux 9.8"
    assert f.evidence["/etc/os-release"] == ['VERSION="9.2 (Plow)"', 'ID="rhel"', 'VERSION_ID="9.2"']


def test_rhel_9_6_under_eus_passes_only_attested():
    doc = linux(fixture("linux/os-release/rhel-9.6.txt"))
    f = upd005(doc)
    assert f.status is Status.FAIL and "ended on 2025-11-12; only Extended Update Support" in f.summary
    f = upd005(doc, ENROLLED)
    assert f.status is Status.PASS and f.summary.startswith("Attested: enrolled in Extended Update Support")
    assert (f.evidence["attested"], f.evidence["extended_support_until"]) == ("2026-10-01", "2027-05-31")


def test_the_newest_rhel_minor_release_is_a_warn_once_its_successor_is_due():
    f = upd005(linux(os_release("rhel", "9.8")))
    assert f.status is Status.WARN and "may no longer get standard security updates" in f.summary
    assert "extended_support = YYYY-MM-DD" in f.summary
    assert upd005(linux(os_release("rhel", "9.8")), ENROLLED).status is Status.PASS
    before = snapshot_doc(files={"/etc/os-release": os_release("rhel", "9.8")}, clock="2026-07-01T09:00:00+00:00")
    f = upd005(before)
    assert (
        f.status is Status.PASS and f.summary == "Red Hat Enterprise Linux 9.8 gets security updates until 2032-05-31."
    )


def test_rhel_summaries_are_two_sentences_and_the_tables_note_goes_to_evidence():
    """The 9.8 WARN ran to ten lines, said "Extended Update Support" three times and glued the
    table's note in; the attested PASS glued it in the same way."""
    release = support_table().find("rhel", "9.8")
    f = upd005(linux(os_release("rhel", "9.8")))
    assert f.status is Status.WARN and f.summary == (
        "Red Hat Enterprise Linux 9.8 may no longer get standard security updates (its successor was due on "
        "2026-11-01); then only Extended Update Support (EUS, a paid add-on) covers it, until 2028-05-31. If this "
        "machine is enrolled, add `extended_support = YYYY-MM-DD` under [attest]."
    )
    assert f.evidence["note"] == release.note
    f = upd005(linux(os_release("rhel", "9.8")), ENROLLED)
    assert f.status is Status.PASS and f.summary == (
        "Attested: enrolled in Extended Update Support (EUS, a paid add-on) on 2026-10-01, which covers it until "
        "2028-05-31; Red Hat Enterprise Linux 9.8's standard security updates may have ended (its successor was "
        "due on 2026-11-01)."
    )
    assert f.evidence["note"] == release.note


@pytest.mark.parametrize("row", [r for r in ROWS if r.note], ids=lambda r: f"{r.os}-{r.version}-{r.channel}")
def test_no_summary_glues_the_tables_note_in(row):
    for profile in (NO_PROFILE, ENROLLED, Profile(attest={"extended_support": NEVER})):
        f = upd005(machine_for(row), profile)
        assert row.note not in f.summary and f.evidence["note"] == row.note
        assert f.summary.count(". ") <= 1, f.summary  # one or two sentences
        assert "free security updates" not in f.summary and "regular" not in f.summary


def test_rocky_ships_updates_only_for_its_newest_minor_release():
    f = upd005(linux(fixture("linux/os-release/rocky-9.3.txt")))
    assert f.status is Status.FAIL and "Rocky Linux 9.8 is the newest hygiene knows" in f.summary
    assert f.evidence["/etc/os-release"] == ['VERSION="9.3 (Blue Onyx)"', 'ID="rocky"', 'VERSION_ID="9.3"']
    assert upd005(linux(os_release("rocky", "9.8"))).status is Status.PASS
    assert upd005(linux(os_release("almalinux", "9.8"))).status is Status.WARN  # AlmaLinux 9.9 was due
    assert upd005(linux(os_release("almalinux", "9.9"))).status is Status.UNKNOWN


# --- Ubuntu, Debian ----------------------------------------------------------------------------


def test_ubuntu_esm_attested_passes_said_never_fails_and_a_year_old_statement_warns():
    doc = linux(os_release("ubuntu", "20.04"))
    assert upd005(doc, ENROLLED).status is Status.PASS
    f = upd005(doc, Profile(attest={"extended_support": NEVER}))
    assert f.status is Status.FAIL and "your profile says this machine is not enrolled" in f.summary
    assert f.evidence["attested"] == NEVER
    f = upd005(doc, Profile(attest={"extended_support": TODAY - timedelta(days=366)}))
    assert f.status is Status.WARN and "over a year ago: confirm the enrolment is still active" in f.summary
    assert upd005(doc, Profile(attest={"extended_support": TODAY - timedelta(days=365)})).status is Status.PASS


def test_ubuntu_interim_releases_have_no_esm():
    f = upd005(linux(os_release("ubuntu", "25.04")), ENROLLED)
    assert f.status is Status.FAIL and f.summary == (
        "Ubuntu 25.04 stopped getting security updates on 2026-01-15: your extended_support statement does not "
        "help, as no extended support covers this release."
    )
    assert upd005(linux(os_release("ubuntu", "25.04"))).summary == (
        "Ubuntu 25.04 stopped getting security updates on 2026-01-15."
    )


def test_debian_point_releases_share_the_releases_dates_and_elts_needs_attesting():
    """Debian's os-release names only the major (VERSION_ID="11"); 11.11 shares 11's dates."""
    text = 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nVERSION_ID="11"\nVERSION="11 (bullseye)"\nID=debian\n'
    f = upd005(linux(text))
    assert (
        f.status is Status.FAIL and "Debian 11 (bullseye)'s standard security updates ended on 2026-08-31" in f.summary
    )
    assert f.evidence["/etc/os-release"] == ['VERSION_ID="11"', 'VERSION="11 (bullseye)"', "ID=debian"]
    assert upd005(linux(text), ENROLLED).status is Status.PASS


# --- macOS: the major decides; a point release behind is UPD-001's --------------------------------


@pytest.mark.parametrize(
    ("version", "status"),
    [("13.7.8", Status.FAIL), ("14.0", Status.WARN), ("14.8.8", Status.WARN), ("15.7.4", Status.PASS)],
)
def test_macos_is_judged_by_its_major_release(version, status):
    f = upd005(mac(version))
    assert f.status is status, f.summary
    assert f.evidence["sw_vers"] == ["ProductName: macOS", f"ProductVersion: {version}"]


# --- Windows: feature updates per edition, ESU ------------------------------------------------------


def test_windows_10_summary_and_evidence_name_the_same_dates():
    """Once ESU ended too, the summary says both ends, as the evidence does (it said 2026-10-13
    alone while the evidence showed 2025-10-14), and that the attested enrolment cannot help."""
    doc = windows(19045, "Core", display="22H2", clock="2027-11-01T09:00:00+00:00")  # after consumer ESU's end
    f = upd005(doc, ENROLLED)
    assert f.status is Status.FAIL and f.summary == (
        "Windows 10 22H2's standard security updates ended on 2025-10-14, and consumer Extended Security Updates "
        "(ESU) ended on 2027-10-12: your extended_support statement does not help."
    )
    assert (f.evidence["security_until"], f.evidence["extended_support_until"]) == ("2025-10-14", "2027-10-12")
    assert f.evidence["attested"] == "2026-10-01"
    assert f.evidence[NT] == [
        "CurrentBuild: 19045",
        "DisplayVersion: 22H2",
        "EditionID: Core",
        "InstallationType: Client",
    ]


def test_windows_10_home_has_consumer_esu_until_october_2027():
    """Microsoft extended consumer ESU (personal-use PCs) by a year, to 2027-10-12."""
    doc = windows(19045, "Core", display="22H2")
    f = upd005(doc)
    assert f.status is Status.FAIL and "only consumer Extended Security Updates (ESU) covers it, until 2027-10-12" in (
        f.summary
    )
    f = upd005(doc, ENROLLED)
    assert f.status is Status.PASS and f.evidence["extended_support_until"] == "2027-10-12"


@pytest.mark.parametrize(
    "edition", ["Professional", "ProfessionalN", "ProfessionalWorkstation", "ProfessionalEducation"]
)
def test_windows_10_pro_can_attest_commercial_esu_until_2028(edition):
    """Pro is not Home: commercial ESU (organisations, by the year) covers it to 2028-10-10, so an
    attested enrolment counts after consumer ESU's end (it FAILed "ESU for consumers ended")."""
    doc = windows(19045, edition, display="22H2")
    f = upd005(doc)
    assert (
        f.status is Status.FAIL and "commercial Extended Security Updates" in f.summary and "2028-10-10" in (f.summary)
    )
    f = upd005(doc, Profile(attest={"extended_support": date(2026, 1, 10)}))
    assert f.status is Status.PASS and f.summary.startswith("Attested: enrolled in commercial Extended Security")
    assert (f.evidence["attested"], f.evidence["extended_support_until"]) == ("2026-01-10", "2028-10-10")
    assert f.evidence[NT][2] == f"EditionID: {edition}"


def test_an_attested_statement_that_cannot_help_says_so():
    """A release without extended support (Windows 11 23H2 Home, an Ubuntu interim release) or
    whose extension is over never ignores the statement silently."""
    f = upd005(windows(22631, "Core"), ENROLLED)
    assert f.status is Status.FAIL and f.summary == (
        "Windows 11 23H2 stopped getting security updates on 2025-11-11: your extended_support statement does "
        "not help, as no extended support covers this release."
    )
    assert f.evidence["attested"] == "2026-10-01"
    f = upd005(linux(fixture("linux/os-release/sles-15.txt")), ENROLLED)
    assert f.status is Status.FAIL and f.summary.endswith(
        "Long Term Service Pack Support (LTSS, paid) ended on 2022-12-31: your extended_support statement does "
        "not help."
    )
    assert "does not help" not in upd005(windows(22631, "Core")).summary  # nothing attested, nothing to say


def test_the_windows_remediation_is_right_for_every_edition():
    """It told a Home user to enrol in an ESU that may have ended: it now points at the finding."""
    text = BY_ID["UPD-005"].meta.remediation[Platform.WINDOWS]
    assert "if your edition still has them" in text and "extended_support = YYYY-MM-DD" in text


def test_windows_10_enterprise_esu_passes_attested():
    doc = windows(19045, "Enterprise", display="22H2")
    assert upd005(doc).status is Status.FAIL
    f = upd005(doc, ENROLLED)
    assert f.status is Status.PASS and "commercial Extended Security Updates (ESU, paid by the year)" in f.summary
    assert f.evidence["extended_support_until"] == "2028-10-10"


@pytest.mark.parametrize(
    ("build", "edition", "status", "until"),
    [
        (22631, "Core", Status.FAIL, "2025-11-11"),  # 23H2 Home ended
        (22631, "Education", Status.FAIL, "2026-11-10"),  # Enterprise/Education a year later: ended this month
        (26100, "Professional", Status.FAIL, "2026-10-13"),  # Pro shares Home's feature-update dates
        (26100, "Core", Status.FAIL, "2026-10-13"),
        (26100, "Enterprise", Status.PASS, "2027-10-12"),
    ],
)
def test_windows_feature_updates_end_per_edition(build, edition, status, until):
    f = upd005(windows(build, edition))
    assert f.evidence["security_until"] == until
    assert f.status is status and until in f.summary, f.summary
