"""ufw, nftables (JSON and text) and iptables: whether inbound traffic is turned away.

The fixtures under tests/fixtures/linux/{ufw-status-verbose,nft-json,nft-ruleset,
iptables-S-INPUT} were printed by ufw 0.36.2, nft 1.0.6 and iptables 1.8.9 (Debian 12) in a
network namespace of our own: ufw enabled with SSH and Samba allowed, then its default turned
to allow; a hand-written inet ruleset with a set whose elements span lines; a firewalld-shaped
ruleset ending in a reject; Docker's chains; an empty ruleset."""

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.firewall import parse_iptables_rules, parse_nft_json, parse_nft_ruleset, parse_ufw_status
from tests.helpers import FIXTURES, fixture, read_real, real_output_files

# --- ufw ------------------------------------------------------------------------------------

REAL_UFW = {1: "deny", 3: "deny"}
REAL_ROUTED = {1: "disabled (routed)", 3: "deny (routed)"}


@pytest.mark.parametrize("path", real_output_files("linux", "ufw-status-verbose"))
def test_real_ufw_status_verbose(path):
    status = parse_ufw_status(read_real(path))
    assert status.active and status.incoming == REAL_UFW[int(path.stem)]
    assert status.lines[:2] == (
        "Status: active",
        "Default: deny (incoming), allow (outgoing), " + REAL_ROUTED[int(path.stem)],
    )
    assert status.unrecognised == ()  # every line of both is one ufw is known to print


@pytest.mark.parametrize(
    ("case", "active", "incoming"),
    [
        ("active-deny-incoming", True, "deny"),
        ("active-allow-incoming", True, "allow"),
        ("active-reject-incoming", True, "reject"),
        ("inactive", False, None),
        ("old-without-default", True, None),  # version drift: no Default line
    ],
)
def test_ufw_status_shapes(case, active, incoming):
    status = parse_ufw_status(fixture(f"linux/ufw-status-verbose/{case}.txt"))
    assert (status.active, status.incoming) == (active, incoming)


def test_ufw_status_words_in_any_case():
    assert parse_ufw_status("status: ACTIVE\ndefault: DENY (incoming), allow (outgoing)\n").incoming == "deny"


@pytest.mark.parametrize("text", [fixture("linux/ufw-status-verbose/not-root.txt"), "", "Status: maybe\n"])
def test_ufw_without_a_status_is_a_parse_error(text):
    with pytest.raises(ParseError, match="Status"):
        parse_ufw_status(text)


# --- nftables and iptables -------------------------------------------------------------------

RULESETS = {  # case: (input chains, which of them drop, and why)
    "ufw": [("ip filter INPUT", "drop", ""), ("ip6 filter INPUT", "drop", "")],
    "inet-drop": [("inet filter input", "drop", "drop")],
    "firewalld": [("inet firewalld filter_INPUT", "accept", "reject")],
    "docker": [],  # FORWARD drops, the nat table masquerades: nothing on the input hook
    "empty": [],
}


@pytest.mark.parametrize("case", sorted(RULESETS))
def test_nft_json(case):
    chains = parse_nft_json(fixture(f"linux/nft-json/{case}.txt"))
    assert [(c.name, c.policy, c.final_rule) for c in chains] == RULESETS[case]
    assert all(c.drops for c in chains)


@pytest.mark.parametrize("case", sorted(RULESETS))
def test_nft_text_agrees_with_json(case):
    chains = parse_nft_ruleset(fixture(f"linux/nft-ruleset/{case}.txt"))
    json_chains = parse_nft_json(fixture(f"linux/nft-json/{case}.txt"))
    assert [(c.name, c.policy, c.drops) for c in chains] == [(c.name, c.policy, c.drops) for c in json_chains]


def test_nft_text_shows_the_final_rule_as_printed():
    (chain,) = parse_nft_ruleset(fixture("linux/nft-ruleset/inet-drop.txt"))
    assert (
        chain.evidence()
        == 'inet filter input: policy drop, ends with `counter packets 0 bytes 0 log prefix "dropped: " drop`'
    )
    (chain,) = parse_nft_ruleset(fixture("linux/nft-ruleset/firewalld.txt"))
    assert chain.final_rule == "reject with icmpx admin-prohibited"


def test_a_conditional_drop_at_the_end_is_no_default_drop():
    text = (
        "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n"
        '\t\tiifname "eth0" tcp dport 23 drop\n\t}\n}\n'
    )
    (chain,) = parse_nft_ruleset(text)
    assert not chain.drops


def test_an_arp_or_bridge_input_chain_is_not_the_firewall():
    text = "table arp filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n}\n"
    assert parse_nft_ruleset(text) == []


def test_nft_json_without_its_list_is_a_parse_error():
    for text in ('{"other": []}', "[]", "not json"):
        with pytest.raises(ParseError):
            parse_nft_json(text)


IPTABLES = {
    "ufw": ("drop", ""),
    "final-reject": ("accept", "-A INPUT -j REJECT --reject-with icmp-host-prohibited"),
    "accept-only": ("accept", ""),
    "ufw-allow-incoming": ("accept", ""),  # ufw still active, its INPUT policy now ACCEPT
}


@pytest.mark.parametrize("case", sorted(IPTABLES))
def test_iptables_input(case):
    (chain,) = parse_iptables_rules(fixture(f"linux/iptables-S-INPUT/{case}.txt"))
    assert (chain.policy, chain.final_rule) == IPTABLES[case]
    assert chain.drops == (IPTABLES[case][0] == "drop" or bool(IPTABLES[case][1]))


def test_iptables_without_a_policy_line_is_a_parse_error():
    with pytest.raises(ParseError, match="-P INPUT"):
        parse_iptables_rules("iptables v1.8.9 (nf_tables): Could not fetch rule set generation id\n")


def test_every_ruleset_fixture_is_covered():
    assert {p.stem for p in (FIXTURES / "linux/nft-json").iterdir()} == set(RULESETS)
    assert {p.stem for p in (FIXTURES / "linux/iptables-S-INPUT").iterdir()} == set(IPTABLES)


# --- a rule that accepts everything before the drop -------------------------------------------
# `iptables -I INPUT -j ACCEPT` is a well-known way to "open the firewall" (cloud images' how-tos):
# the policy still says DROP, but no packet ever reaches it.

ACCEPT_ALL_TEXT = (
    "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n"
    "\t\tct state established,related accept\n\t\tcounter packets 12 bytes 960 accept\n"
    "\t\ttcp dport 22 accept\n\t}\n}\n"
)
ACCEPT_ALL_JSON = (
    '{"nftables": [{"chain": {"family": "inet", "table": "filter", "name": "input", "type": "filter", '
    '"hook": "input", "prio": 0, "policy": "drop"}}, {"rule": {"family": "inet", "table": "filter", '
    '"chain": "input", "expr": [{"counter": {"packets": 12, "bytes": 960}}, {"accept": null}]}}, '
    '{"rule": {"family": "inet", "table": "filter", "chain": "input", "expr": [{"match": {"op": "==", '
    '"left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 22}}, {"accept": null}]}}]}'
)


def test_iptables_accepting_everything_before_its_drop_policy_does_not_drop():
    (chain,) = parse_iptables_rules("-P INPUT DROP\n-A INPUT -i lo -j ACCEPT\n-A INPUT -j ACCEPT\n-A INPUT -j DROP\n")
    assert not chain.drops and chain.opened == "-A INPUT -j ACCEPT"
    assert chain.evidence() == "iptables INPUT: policy drop, but `-A INPUT -j ACCEPT` lets everything in"


def test_iptables_an_unconditional_drop_before_a_late_accept_still_drops():
    (chain,) = parse_iptables_rules("-P INPUT ACCEPT\n-A INPUT -j DROP\n-A INPUT -j ACCEPT\n")
    assert chain.drops and (chain.final_rule, chain.opened) == ("-A INPUT -j DROP", "")


def test_nft_text_accepting_everything_before_its_drop_policy_does_not_drop():
    (chain,) = parse_nft_ruleset(ACCEPT_ALL_TEXT)
    assert not chain.drops and chain.opened == "counter packets 12 bytes 960 accept"


def test_nft_json_accepting_everything_before_its_drop_policy_does_not_drop():
    (chain,) = parse_nft_json(ACCEPT_ALL_JSON)
    assert not chain.drops and chain.opened == "accept"


def test_ufw_rule_that_lets_everything_in_is_named():
    """`ufw allow from any` denies by default and then lets every connection in: its rule is the
    open door, whatever the default says."""
    status = parse_ufw_status(fixture("linux/ufw-status-verbose/active-allow-from-anywhere.txt"))
    assert status.incoming == "deny" and status.open_rule == "Anywhere ALLOW IN Anywhere"
    assert status.lines[-1] == "Anywhere                   ALLOW IN    Anywhere                   # temporary"


@pytest.mark.parametrize("path", real_output_files("linux", "ufw-status-verbose"))
def test_real_ufw_rules_for_some_ports_or_sources_open_no_door(path):
    assert parse_ufw_status(read_real(path)).open_rule == ""


@pytest.mark.parametrize(
    "rule",
    [
        "Anywhere on docker0        ALLOW IN    Anywhere",  # one interface, typically a bridge inside
        "Anywhere                   DENY IN     Anywhere",
        "Anywhere                   ALLOW IN    192.168.1.0/24",
        "22/tcp                     ALLOW IN    Anywhere",
        "Anywhere                   ALLOW FWD   Anywhere",
    ],
)
def test_ufw_rules_that_open_no_door(rule):
    assert parse_ufw_status(f"Status: active\n\nTo  Action  From\n--  ------  ----\n{rule}\n").open_rule == ""


# --- issue 11: lines ufw and firewalld are not known to print, and the lines that decided -----


def test_ufw_rules_with_log_and_comment_suffixes_are_known_lines():
    """Our own ufw 0.36 output: rules logged (`(log)`), commented and rate-limited (LIMIT)."""
    status = parse_ufw_status(fixture("linux/ufw-status-verbose/active-logged-rules.txt"))
    assert (status.active, status.incoming, status.unrecognised) == (True, "deny", ())
    assert status.lines == ("Status: active", "Default: deny (incoming), allow (outgoing), disabled (routed)")


@pytest.mark.parametrize("case", ["active-with-a-warning", "inactive-with-a-warning"])
def test_a_line_ufw_is_not_known_to_print_is_kept_as_unrecognised(case):
    """Standard error merged into the output (`2>&1`): ufw's WARN line is no status line."""
    status = parse_ufw_status(fixture(f"linux/ufw-status-verbose/{case}.txt"))
    warned = "/etc/ufw/user.rules" if case.startswith("active") else "/etc/default/ufw"
    assert status.unrecognised == (f"WARN: '{warned}' is world writable",)


@pytest.mark.parametrize(
    "second",
    ["Status: inactive", "Default: allow (incoming), allow (outgoing), disabled (routed)"],
)
def test_ufw_a_second_status_or_default_line_that_says_otherwise_is_kept(second):
    """ufw prints each once: a second one saying something else (two outputs run together) was
    dropped as a known label, so the first, good one passed."""
    text = f"Status: active\nDefault: deny (incoming), allow (outgoing), disabled (routed)\n{second}\n"
    status = parse_ufw_status(text)
    assert status.unrecognised == (second,)
    assert parse_ufw_status(text + "Status: active\n").unrecognised == (second,)  # the same words again: harmless


def test_firewalld_state_words_and_the_lines_beside_them():
    from hygiene.parsers.firewall import parse_firewalld_state

    running = parse_firewalld_state("running\n", "")
    assert (running.state, running.line, running.unrecognised) == ("running", "running", ())
    assert parse_firewalld_state("Running\n", "").state == "running"  # compared without case
    assert parse_firewalld_state("", fixture("linux/firewall-cmd-state/not-running.txt")).state == "not running"
    more = parse_firewalld_state(fixture("linux/firewall-cmd-state/running-and-a-line-more.txt"), "")
    assert (more.state, more.line, more.unrecognised) == (
        "running",
        "running",
        ("FirewallD is running in failsafe mode",),
    )
    with pytest.raises(ParseError, match="no state"):
        parse_firewalld_state("", "Authorization failed.\n")
