import threading

from hygiene.engine import run_audit, run_checks, run_one
from hygiene.model import Category, Finding, Platform, Status
from hygiene.system.kept import WHOLE
from tests.helpers import fake_check, machine


def make(check_id, fn, platforms=(Platform.LINUX,), category=Category.UPDATES):
    return fake_check(check_id, fn, platforms=platforms, category=category)


def ok(system):
    return Finding(Status.PASS, "fine")


def boom(system):
    raise ZeroDivisionError("division by zero in a parser")


def test_a_crashing_check_becomes_error_and_the_others_still_run():
    results = run_checks(machine(), [make("UPD-001", boom), make("UPD-002", ok)])
    assert [(m.id, f.status) for m, f in results] == [("UPD-001", Status.ERROR), ("UPD-002", Status.PASS)]
    assert "ZeroDivisionError: division by zero in a parser" in results[0][1].summary


def test_a_command_timeout_becomes_unknown_with_the_reason():
    def slow(system):
        system.run(("apt", "list", "--upgradable"))
        return Finding(Status.PASS, "never")

    f = run_one(machine(commands={("apt", "list", "--upgradable"): 20.0}), make("UPD-001", slow))
    assert f.status is Status.UNKNOWN
    assert f.summary == "`apt list --upgradable` did not finish within 20 s."


def test_unrecorded_question_is_unknown_not_a_crash():
    def asks(system):
        system.read_text("/etc/never-recorded", WHOLE)
        return Finding(Status.PASS, "x")

    f = run_one(machine(), make("UPD-001", asks))
    assert f.status is Status.UNKNOWN and "no record of the file /etc/never-recorded" in f.summary


def test_unrecognised_tool_output_is_unknown_not_an_error():
    from hygiene.parsers import ParseError

    def confused(system):
        raise ParseError("unrecognised pacman line: 'blah'")

    f = run_one(machine(), make("UPD-001", confused))
    assert f.status is Status.UNKNOWN and f.summary == "Could not read the answer: unrecognised pacman line: 'blah'."


def test_a_check_returning_garbage_is_an_error():
    f = run_one(machine(), make("UPD-001", lambda s: "PASS"))
    assert f.status is Status.ERROR


def test_other_platforms_are_unknown_until_supported():
    f = run_one(machine(platform="macos", os_name="macOS"), make("UPD-001", ok))
    assert f.status is Status.UNKNOWN and "macOS" in f.summary


def test_results_keep_catalogue_order_and_checks_overlap():
    barrier = threading.Barrier(3, timeout=5)

    def waits(system):  # passes only when three checks are running at the same time
        barrier.wait()
        return Finding(Status.PASS, "together")

    checks = [make(f"UPD-00{i}", waits) for i in (3, 1, 2)]
    done = []
    results = run_checks(machine(), checks, on_done=lambda m, f: done.append(m.id))
    assert [m.id for m, _ in results] == ["UPD-003", "UPD-001", "UPD-002"]
    assert all(f.status is Status.PASS for _, f in results) and sorted(done) == ["UPD-001", "UPD-002", "UPD-003"]


def test_run_audit_uses_the_systems_clock_and_facts():
    result = run_audit(
        machine(), [make("UPD-001", ok), make("ENC-001", boom, category=Category.ENCRYPTION)], source="snapshot"
    )
    assert result.started_at.isoformat() == "2026-11-27T09:00:00+00:00"
    assert result.host.hostname == "ledger-pc" and result.source == "snapshot"
    assert result.overall.score == 100 and result.overall.coverage == 0.5


def test_no_checks_selected():
    result = run_audit(machine(), [])
    assert result.overall.score is None and result.findings == ()
