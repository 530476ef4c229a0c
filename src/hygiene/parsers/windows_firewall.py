"""Parses whether each Windows Firewall profile (Domain, Private, Public) is on: our
`Get-NetFirewallProfile` JSON (profile names and GpoBoolean values as text, the same in every
display language), and `netsh advfirewall show allprofiles`, whose headings, labels and values
follow the display language ("Domänenprofil-Einstellungen: / Status EIN", "Paramètres Profil de
domaine : / État Actif").

netsh prints one block per profile, always Domain, Private, Public: a heading ending in ':', a
line of dashes, then the settings, State first. So a block is found by its dashes, not by its
words; its profile by a word of the heading where one is known, else by its place; its state
is the last word of the block's first line. A value in no language known here is None (cannot
tell), never assumed on, and so is a profile whose block is missing (a cut-off output).

A profile that is on but allows every inbound connection (DefaultInboundAction Allow; netsh's
"AllowInbound", the same word in every language) turns nothing away: it counts as off."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from hygiene.parsers import ParseError, deciding_line, excerpt, load_json

PROFILES = ("Domain", "Private", "Public")
MAX_EVIDENCE = 120  # characters of a line kept as evidence
BLOCK_LINES = 20  # a profile's settings before its blank line: netsh prints seven

# How a heading names its profile, folded (see _fold): en, de, fr, es, it, pt, nl.
_HEADING_WORDS = {"Domain": ("dom",), "Private": ("priv",), "Public": ("public", "publico", "ffentlich", "openbaar")}
# State values, folded: ON/OFF and their translations (de EIN/AUS, fr Actif/Inactif, es, it, pt, nl).
_ON = frozenset({"on", "ein", "actif", "activo", "activado", "attivo", "attivato", "ativado", "ligado", "aan"})
_OFF = frozenset(
    {"off", "aus", "inactif", "inactivo", "desactivado", "disattivo", "disattivato", "desativado", "desligado", "uit"}
)
_ENABLED = {"true": True, "false": False, "1": True, "0": False}  # GpoBoolean as text; NotConfigured is None


@dataclass(frozen=True)
class ProfileStates:
    """Each profile's state (None: cannot tell), and the line that said so (evidence)."""

    states: dict[str, bool | None]
    lines: dict[str, str]
    unrecognised: tuple[str, ...] = ()  # state lines whose word is in no language known here


def _fold(text: str) -> str:
    """Lowercase ASCII letters only, accents dropped: 'Öffentliches' -> 'offentliches', and a
    heading whose non-ASCII letters were garbled on the way ('Dom\ufffdnen...') still keeps
    its ASCII part."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


def _state(word: str) -> bool | None:
    folded = _fold(word)
    return True if folded in _ON else False if folded in _OFF else None


def _is_dashes(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= 10 and set(stripped) == {"-"}


def _profile_of(heading: str, place: int, taken: set[str]) -> str | None:
    folded = _fold(heading)
    for profile, words in _HEADING_WORDS.items():
        if profile not in taken and any(w in folded for w in words):
            return profile
    by_place = PROFILES[place] if place < len(PROFILES) else None
    return by_place if by_place not in taken else None


def _allows_inbound(block: list[str]) -> str:
    """The settings line that says AllowInbound, among a block's settings (up to its first blank
    line after them), or ""."""
    for line in block[next((i for i, ln in enumerate(block) if ln.strip()), 0) :]:
        if not line.strip():
            break
        if any(_fold(word) == "allowinbound" for word in line.replace(",", " ").split()):
            return " ".join(line.split())
    return ""


def parse_netsh_allprofiles(text: str) -> ProfileStates:
    lines = text.splitlines()
    states: dict[str, bool | None] = dict.fromkeys(PROFILES)
    said: dict[str, str] = {}
    unknown: list[str] = []
    place = 0
    for i in range(1, len(lines)):
        if not _is_dashes(lines[i]) or not lines[i - 1].strip():
            continue
        profile = _profile_of(lines[i - 1], place, set(said))
        place += 1
        first = next((line.strip() for line in lines[i + 1 : i + 4] if line.strip()), "")
        if profile is None or not first or _is_dashes(first):
            continue
        shown = f"{lines[i - 1].strip()} {' '.join(first.split())}"
        states[profile] = _state(first.split()[-1])
        if states[profile] is None:
            unknown.append(deciding_line(" ".join(first.split())))  # its columns' padding folded
        if states[profile] and (policy := _allows_inbound(lines[i + 1 : i + 1 + BLOCK_LINES])):
            states[profile], shown = False, f"{shown}, {policy}"
        said[profile] = shown[:MAX_EVIDENCE]
    if not said:
        raise ParseError(f"`netsh advfirewall show allprofiles` printed no profile settings: {excerpt(text)}")
    return ProfileStates(states, said, tuple(unknown))


def _weaker(state: bool | None, than: bool | None) -> bool:
    """Whether `state` says less for the profile being on than `than`: off < unknown < on."""
    rank = {False: 0, None: 1, True: 2}
    return rank[state] < rank[than]


def parse_firewall_json(text: str) -> ProfileStates:
    """Our question's answer: [{"Name": "Domain", "Enabled": "True", "Inbound": "Block"}, ...]
    (one profile may come as an object; Inbound, the DefaultInboundAction, may be absent). A
    profile it does not list is None; one it lists twice keeps the weaker answer (off, else
    unknown), so a second row never turns it on."""
    data = load_json(text.strip() or "[]", "Get-NetFirewallProfile")
    rows = data if isinstance(data, list) else [data]
    states: dict[str, bool | None] = dict.fromkeys(PROFILES)
    said: dict[str, str] = {}
    for row in rows:
        if not isinstance(row, dict):
            raise ParseError("Get-NetFirewallProfile printed an entry that is not an object")
        name, enabled = str(row.get("Name", "")).strip().title(), str(row.get("Enabled", "")).strip()
        inbound = str(row.get("Inbound") or "").strip()
        state = _ENABLED.get(enabled.lower())
        line = f"{name}: Enabled = {enabled[:20]}"
        if state and inbound.lower() == "allow":  # on, but every inbound connection is let in
            state, line = False, f"{line}, DefaultInboundAction = {inbound}"
        if name in states and (name not in said or _weaker(state, states[name])):
            states[name] = state
            said[name] = line
    if not said:
        raise ParseError("Get-NetFirewallProfile listed none of the Domain, Private and Public profiles")
    return ProfileStates(states, said)
