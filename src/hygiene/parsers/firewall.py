"""Parses what says whether a Linux firewall turns away unasked inbound traffic: `ufw status
verbose`, `firewall-cmd --state`, `nft -j list ruleset` (and its text form where nft has no JSON), `iptables -S INPUT`.

A ruleset drops inbound traffic when one of its input chains (the filter chains on the input
hook, for IPv4 and IPv6) has the policy drop, or ends in a rule that drops or rejects every
packet that reached it, and no rule before that accepts every packet (`iptables -I INPUT -j
ACCEPT`, a common way to "open" a firewall, leaves the drop policy in place and unreachable).
Docker's and libvirt's chains sit on the forward and nat hooks: their drop policies say
nothing about traffic to this machine."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hygiene.parsers import ParseError, deciding_line, excerpt, load_json

INET_FAMILIES = ("ip", "ip6", "inet")  # arp, bridge and netdev tables filter other traffic
VERDICTS = ("drop", "reject")
ACCEPT = "accept"
# What may stand before an unconditional verdict in nft's text: counting and logging only.
_NFT_HARMLESS = frozenset({"counter", "packets", "bytes", "log", "prefix", "level", "flags", "all"})
_QUOTED = re.compile(r'"[^"\n]*"')


@dataclass(frozen=True)
class UfwStatus:
    active: bool
    incoming: str | None  # the default for incoming traffic (deny, reject, allow); None when not printed
    lines: tuple[str, ...]  # the lines that decided: Status, Default (when active), a rule letting all in
    open_rule: str = ""  # a rule that lets every connection in from anywhere (`ufw allow from any`)
    unrecognised: tuple[str, ...] = ()  # lines ufw is not known to print, as evidence quotes them


UFW_ACTIONS = ("ALLOW", "DENY", "REJECT", "LIMIT")
UFW_ANYWHERE = ("Anywhere", "Anywhere (v6)")
# What else `ufw status verbose` prints (ufw 0.29 to 0.36): its labelled lines, the rules'
# heading and the dashes under it. A rule is known by its action word.
UFW_LABELS = ("status", "logging", "default", "new profiles")
UFW_HEADING = ["to", "action", "from"]


def parse_ufw_status(text: str) -> UfwStatus:
    """`Status: active|inactive` and, when active, `Default: deny (incoming), ...` and the
    rules (`To  Action  From`), of which only one that lets everything in counts. Any other
    line is kept as unrecognised, and so is a second Status or Default line that says
    something else: the check does not pass over it."""
    status = default = None
    open_rule = ""
    said: dict[str, str] = {}
    first: dict[str, str] = {}  # status, default -> the words of the first such line, folded
    unrecognised = []
    for line in text.splitlines():
        label, sep, value = line.partition(":")
        label = label.strip().casefold()
        words = " ".join(value.split()).casefold()
        if sep and label in first:
            if words != first[label]:
                unrecognised.append(deciding_line(line))
        elif sep and label == "status":
            status, said["status"], first["status"] = words, line, words
        elif sep and label == "default":
            default, said["default"], first["default"] = value.strip(), line, words
        elif (sep and label in UFW_LABELS) or _ufw_decoration(line):
            continue
        elif _ufw_rule(line):
            if not open_rule and (open_rule := _opens_everything(line)):
                said["rule"] = line
        else:
            unrecognised.append(deciding_line(line))
    if status not in ("active", "inactive"):
        raise ParseError(f"`ufw status verbose` printed no 'Status: active|inactive' line: {excerpt(text)}")
    incoming = None
    for part in (default or "").split(","):
        policy, _, direction = part.strip().partition(" ")
        if direction.strip().casefold() == "(incoming)":
            incoming = policy.casefold()
    active = status == "active"
    lines = [said["status"]] + [said[k] for k in ("default", "rule") if k in said and active]
    return UfwStatus(
        active, incoming, tuple(deciding_line(ln) for ln in lines), open_rule if active else "", tuple(unrecognised)
    )


def _ufw_decoration(line: str) -> bool:
    """A blank line, the rules' heading (`To  Action  From`) or the dashes under it."""
    words = line.split()
    return not words or [w.casefold() for w in words] == UFW_HEADING or set("".join(words)) == {"-"}


def _ufw_rule(line: str) -> bool:
    """A rule line: one of its words (before a `# comment`) is an action."""
    return any(word.upper() in UFW_ACTIONS for word in line.split("#", 1)[0].split())


def _opens_everything(line: str) -> str:
    """The rule, words joined by one space, when it allows every incoming connection: to
    Anywhere (no port, no interface) from Anywhere; else "". Its action is found by word, since
    a long `To` leaves a single space before it."""
    words = line.split("#", 1)[0].split()
    at = next((i for i, word in enumerate(words) if word.upper() in UFW_ACTIONS), None)
    if at is None:
        return ""
    to, action, rest = " ".join(words[:at]), words[at].upper(), words[at + 1 :]
    direction = rest.pop(0).upper() if rest and rest[0].upper() in ("IN", "OUT", "FWD") else "IN"
    source = " ".join(rest)
    if action == "ALLOW" and direction == "IN" and to in UFW_ANYWHERE and source in UFW_ANYWHERE:
        return " ".join(words)[:80]
    return ""


FIREWALLD_STATES = ("running", "not running", "failed")


@dataclass(frozen=True)
class FirewalldState:
    state: str  # one of FIREWALLD_STATES
    line: str  # the line that said it
    unrecognised: tuple[str, ...] = ()  # other lines on standard output


def parse_firewalld_state(stdout: str, stderr: str) -> FirewalldState:
    """`firewall-cmd --state`: `running` on standard output (exit 0); `not running` (exit 252)
    and `failed` (exit 251: failsafe rules, its configuration did not load) on standard error.
    One line; another line on standard output, beside the state, is unrecognised."""
    lines = [ln.strip() for ln in f"{stdout}\n{stderr}".splitlines() if ln.strip()]
    state = next((ln for ln in lines if ln.casefold() in FIREWALLD_STATES), None)
    if state is None:
        raise ParseError(f"`firewall-cmd --state` printed no state: {excerpt(stdout.strip() or stderr)}")
    others = tuple(deciding_line(ln) for ln in stdout.splitlines() if ln.strip() and ln.strip() != state)
    return FirewalldState(state.casefold(), deciding_line(state), others)


@dataclass(frozen=True)
class InputChain:
    name: str  # e.g. "inet filter input", "INPUT"
    policy: str  # accept or drop (lower case)
    final_rule: str  # the first rule that drops or rejects everything (none after it is reached), else ""
    opened: str = ""  # the first rule that accepts everything, when it comes before any such drop

    @property
    def drops(self) -> bool:
        return not self.opened and (self.policy in VERDICTS or bool(self.final_rule))

    def evidence(self) -> str:
        said = f"{self.name}: policy {self.policy}"
        if self.opened:
            return f"{said}, but `{self.opened}` lets everything in"
        return said + (f", ends with `{self.final_rule}`" if self.final_rule else "")


def _chain(name: str, policy: str, verdict: str, rule: str) -> InputChain:
    """A chain from its first unconditional rule: `verdict` (drop, reject, accept or "") and its text."""
    if verdict == ACCEPT:
        return InputChain(name, policy, "", rule)
    return InputChain(name, policy, rule if verdict else "")


def parse_nft_json(text: str) -> list[InputChain]:
    """`nft -j list ruleset`: the chain objects on the input hook, and the first rule of each
    that decides every packet (rules come in chain order)."""
    data = load_json(text, "nft -j list ruleset")
    items = data.get("nftables") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ParseError("`nft -j list ruleset` printed no 'nftables' list")
    chains: dict[str, dict] = {}
    decided: dict[str, str] = {}  # chain -> the verdict of its first rule that decides every packet
    for item in items:
        if not isinstance(item, dict):
            continue
        chain, rule = item.get("chain"), item.get("rule")
        if isinstance(chain, dict) and chain.get("hook") == "input" and chain.get("family") in INET_FAMILIES:
            chains[_where(chain, "name")] = chain
        elif isinstance(rule, dict) and isinstance(rule.get("expr"), list):
            key = _where(rule, "chain")
            if key not in decided and (verdict := _json_verdict(rule["expr"])):
                decided[key] = verdict
    found = []
    for key, chain in chains.items():
        policy = chain.get("policy")
        verdict = decided.get(key, "")
        found.append(_chain(key[:120], policy.lower()[:20] if isinstance(policy, str) else "accept", verdict, verdict))
    return found


def _where(obj: dict, name: str) -> str:
    """A chain's (or a rule's chain's) full name: `inet filter input`."""
    return " ".join(str(obj.get(part))[:40] for part in ("family", "table", name))


def _json_verdict(expr: list) -> str:
    """`drop`, `reject` or `accept` when the rule decides every packet (only counters and
    logging before its verdict), else ""."""
    keys = [next(iter(e), None) if isinstance(e, dict) and len(e) == 1 else None for e in expr]
    if keys and keys[-1] in (*VERDICTS, ACCEPT) and all(k in ("counter", "log") for k in keys[:-1]):
        return keys[-1]
    return ""


def parse_nft_ruleset(text: str) -> list[InputChain]:
    """`nft list ruleset` (text, for nft built without JSON): `table <family> <name> {`,
    `chain <name> {`, `type filter hook input priority ...; policy drop;` and one rule a line.
    Braces are counted outside quotes, so sets and their multi-line elements are skipped."""
    found: list[InputChain] = []
    depth, table, chain, hooked, policy, decided = 0, "", "", False, "accept", ("", "")
    for raw in text.splitlines():
        line = _QUOTED.sub('"…"', raw).strip()
        words = line.split()
        if depth == 0 and len(words) >= 3 and words[0] == "table":
            table = f"{words[1]} {words[2]}"
        elif depth == 1 and table and len(words) >= 2 and words[0] == "chain":
            chain, hooked, policy, decided = words[1], False, "accept", ("", "")
        elif depth == 2 and chain and words[:1] == ["type"]:
            hooked = _after(words, "hook") == "input"
            policy = _after(words, "policy") or policy
        elif depth == 2 and chain and line != "}" and not decided[0]:
            decided = _text_verdict(line, raw.strip())
        depth = max(0, depth + line.count("{") - line.count("}"))
        if depth <= 1 and chain:  # the chain closed
            if hooked and table.split()[0] in INET_FAMILIES:
                found.append(_chain(f"{table} {chain}"[:120], policy.lower()[:20], *decided))
            chain = ""
        if depth == 0:
            table = ""
    return found


def _after(words: list[str], key: str) -> str:
    """The word after `key` without its semicolon ("policy drop;" -> "drop"), or ""."""
    at = words.index(key) + 1 if key in words else len(words)
    return words[at].rstrip(";") if at < len(words) else ""


def _text_verdict(rule: str, shown: str) -> tuple[str, str]:
    """(verdict, `shown`: the rule as printed) when `rule` (quoted strings blanked) drops,
    rejects or accepts every packet: nothing but counting and logging before its verdict."""
    words = rule.split()
    for i, word in enumerate(words):
        if word in (*VERDICTS, ACCEPT):
            harmless = all(w in _NFT_HARMLESS or w.isdigit() or w == '"…"' for w in words[:i])
            return (word, shown[:80]) if harmless else ("", "")
    return "", ""


def parse_iptables_rules(text: str) -> list[InputChain]:
    """`iptables -S INPUT`: `-P INPUT DROP` and the `-A INPUT ...` rules, in order; the first
    bare `-j DROP`, `-j REJECT [--reject-with ...]` or `-j ACCEPT` decides every packet that
    reaches it, and no rule after it is reached."""
    policy, verdict, rule = None, "", ""
    for line in text.splitlines():
        words = line.split()
        if words[:2] == ["-P", "INPUT"] and len(words) >= 3:
            policy = words[2].lower()[:20]
        elif words[:2] == ["-A", "INPUT"] and not verdict:
            rest = words[2:]
            bare = len(rest) >= 2 and rest[0] == "-j" and (len(rest) == 2 or rest[2] == "--reject-with")
            if bare and rest[1].lower() in (*VERDICTS, ACCEPT):
                verdict, rule = rest[1].lower(), line.strip()[:80]
    if policy is None:
        raise ParseError(f"`iptables -S INPUT` printed no '-P INPUT' line: {excerpt(text)}")
    return [_chain("iptables INPUT", policy, verdict, rule)]
