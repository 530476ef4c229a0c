"""UPD-001..004 on macOS read what the outputs say (issue 11): a softwareupdate list cut
before an item's detail line, or after it, still names its update; "Action: shut down" is a
pending restart in the new layout as "[shut down]" was in the old; a line no parser knows, or
a preference of no known value, is never passed over; every verdict quotes its lines.

Fixtures are our own, in the real formats; each test's docstring names the real shape mimicked."""

from hygiene.checks import updates
from hygiene.checks.updates.macos import PREFS, SOFTWAREUPDATE
from hygiene.engine import run_one
from hygiene.model import Status
from tests.helpers import fixture, machine, real


def check(system, fn):
    return run_one(system, fn)


def mac(listing, prefs=(1, "", "Domain com.apple.SoftwareUpdate does not exist\n")):
    return machine(platform="macos", commands={SOFTWAREUPDATE: (0, listing, ""), PREFS: prefs})


def test_mac_item_whose_detail_was_cut_away_is_pending():
    """A list cut after an item line: Safari is known recommended, the macOS item is not."""
    m = mac(fixture("macos/softwareupdate-l/item-without-detail.txt"))
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.evidence["security_updates"] == ["Safari"]
    assert f.evidence["unclassified_count"] == 1
    assert f.evidence["softwareupdate"] == "Title: Safari, Version: 18.6, Size: 154312KiB, Recommended: YES,"
    f = check(m, updates.no_pending_reboot)
    assert f.status is Status.UNKNOWN and "cut before it said whether macOS Sonoma 14.7.8-23H730 needs" in f.summary
    only = mac(
        "Software Update Tool\n\nSoftware Update found the following new or updated software:\n* Label: Foo-1.0\n"
    )
    f = check(only, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["softwareupdate"] == "* Label: Foo-1.0"


def test_mac_detail_whose_item_was_cut_away_still_decides():
    m = mac(fixture("macos/softwareupdate-l/detail-without-item.txt"))
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.FAIL and f.summary == "1 security update waiting: macOS Sequoia 15.7.2."
    f = check(m, updates.no_pending_reboot)
    assert f.status is Status.WARN and f.evidence["restart_for"] == ["macOS Sequoia 15.7.2"]


def test_mac_detail_line_cut_before_recommended_is_not_read_as_no():
    """macOS 10.15+ ends every detail line with a comma after its last field ("Recommended:
    YES, Action: restart, "). One cut after its Size says nothing of Recommended or Action:
    it was read as "Recommended: NO", so a macOS update passed as "another update"."""
    m = mac(fixture("macos/softwareupdate-l/detail-cut-before-recommended.txt"))
    f = check(m, updates.no_pending_security_updates)
    assert f.status is Status.WARN and f.evidence["pending"] == ["macOS Sonoma 14.7.8"]
    assert f.evidence["softwareupdate"] == "Title: macOS Sonoma 14.7.8, Version: 14.7.8, Size: 1864532KiB"
    f = check(m, updates.no_pending_reboot)
    assert f.status is Status.UNKNOWN and "cut before it said whether macOS Sonoma 14.7.8 needs" in f.summary


def test_mac_detail_line_cut_before_its_action_leaves_the_restart_open():
    """Cut after "Recommended: YES": a security update all the same, but whether it needs a
    restart is not said (UPD-004 passed)."""
    m = mac(fixture("macos/softwareupdate-l/detail-cut-before-action.txt"))
    assert check(m, updates.no_pending_security_updates).status is Status.FAIL
    f = check(m, updates.no_pending_reboot)
    assert f.status is Status.UNKNOWN and "cut before it said whether macOS Sonoma 14.7.8 needs" in f.summary
    assert f.evidence["softwareupdate"][-1].endswith("Recommended: YES")


def test_mac_shut_down_action_in_the_new_layout_is_a_pending_restart():
    f = check(mac(fixture("macos/softwareupdate-l/shut-down-new-layout.txt")), updates.no_pending_reboot)
    assert f.status is Status.WARN and f.evidence["softwareupdate"][1].endswith("Action: shut down,")


def test_mac_nothing_available_next_to_a_strange_line_is_unknown():
    m = mac(fixture("macos/softwareupdate-l/nothing-with-strange-line.txt"))
    for fn in (updates.no_pending_security_updates, updates.no_pending_reboot):
        f = check(m, fn)
        assert f.status is Status.UNKNOWN and '"Software Update could not verify the catalog."' in f.summary
        assert f.evidence["softwareupdate"] == "No new software available."


def test_mac_os_x_banner_with_its_copyright_line_is_known_not_strange():
    """OS X 10.8-10.10 print a copyright line under the banner: harmless, so nothing new PASSes."""
    m = mac(fixture("macos/softwareupdate-l/os-x-banner-copyright.txt"))
    for fn in (updates.no_pending_security_updates, updates.no_pending_reboot):
        f = check(m, fn)
        assert f.status is Status.PASS and f.evidence["softwareupdate"] == "No new software available."


def test_mac_real_lists_quote_their_deciding_lines():
    f = check(mac(real("macos", "softwareupdate-l", 5)), updates.no_pending_security_updates)
    assert f.status is Status.PASS and f.evidence["softwareupdate"] == "No new software available."
    f = check(mac(real("macos", "softwareupdate-l", 9)), updates.no_pending_reboot)
    assert f.evidence["softwareupdate"][1] == "macOS 10.14.1 Update (10.14.1), 199140K [recommended] [restart]"


def test_mac_automatic_update_flag_of_no_known_value_is_unknown():
    """A management profile that wrote a word `defaults` does not use for a boolean."""
    prefs = (0, fixture("macos/defaults-read-softwareupdate/managed-unreadable-flag.txt"), "")
    f = check(machine(platform="macos", commands={PREFS: prefs}), updates.automatic_updates)
    assert f.status is Status.UNKNOWN and '"CriticalUpdateInstall = enabled;"' in f.summary
    f = check(machine(platform="macos", commands={PREFS: prefs}), updates.updated_recently)
    assert f.status is Status.PASS and f.evidence["defaults"] == 'LastFullSuccessfulDate = "2026-11-24 06:10:44 +0000";'


def test_mac_automatic_updates_quote_the_settings_that_decided():
    prefs = (0, real("macos", "defaults-read-softwareupdate", 3), "")
    f = check(machine(platform="macos", commands={PREFS: prefs}), updates.automatic_updates)
    assert f.status is Status.FAIL and "CriticalUpdateInstall = 0;" in f.evidence["defaults"]


def test_mac_restart_next_to_a_strange_line_keeps_and_quotes_it():
    listing = (
        fixture("macos/softwareupdate-l/shut-down-new-layout.txt") + "Software Update could not verify the catalog.\n"
    )
    f = check(mac(listing), updates.no_pending_reboot)
    assert f.status is Status.WARN and f.evidence["unrecognised"] == ["Software Update could not verify the catalog."]
    assert (
        'also printed a line hygiene does not recognise: "Software Update could not verify the catalog."' in f.summary
    )
