"""Which language to teach in, and whether this terminal can show it.

Urdu needs two things from a terminal that Rich cannot do for it: each line's letters put in
right-to-left order (the Unicode bidirectional algorithm), and Arabic-script letters joined into
their connected forms (shaping). Rich writes text in logical order and gives each letter one
cell (harakat none), which is exactly right for a terminal that does both, since it reorders
every line as it draws it, and unreadable on one that does neither: words back to front,
letters apart. No terminal says which it is, so only those known to do both are trusted
(VTE since 0.58, which GNOME Terminal, Tilix and xfce4-terminal use; Konsole; mintty; mlterm;
see https://terminal-wg.pages.freedesktop.org/bidi/), and tmux and screen never are: they place
every cell themselves, so the terminal around them cannot reorder a line. Output that is not a
terminal (a file, a pipe) keeps logical order, which is what an editor or a browser expects."""

from __future__ import annotations

import re
from collections.abc import Mapping

DEFAULT_LANGUAGE = "en"
_POSIX = re.compile(r"([a-z]{2,3})(?:[_.@]|$)")
_WINDOWS = {"urdu": "ur", "english": "en"}  # locale.getlocale() on Windows: ('Urdu_Pakistan', '1256')


def locale_language(environ: Mapping[str, str], windows_locale: str | None, known: tuple[str, ...]) -> str:
    """The language to teach in when --lang is not given: the first of the user's languages
    (LANGUAGE's list, then LC_ALL, LC_MESSAGES and LANG, as gettext reads them; on Windows the
    user's locale) that hygiene has lessons in; English otherwise."""
    wanted: list[str] = []
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        wanted += value.split(":") if name == "LANGUAGE" else [value]
    for value in wanted:
        m = _POSIX.match(value.strip())
        if m and m.group(1) in known:
            return m.group(1)
    if windows_locale:
        code = _WINDOWS.get(windows_locale.split("_")[0].lower())
        if code in known:
            return code
    return DEFAULT_LANGUAGE


def cannot_show_rtl(environ: Mapping[str, str], is_terminal: bool) -> str | None:
    """None where right-to-left text will read correctly; else the reason it may not, in words
    for the message that offers English or the HTML handout instead."""
    if not is_terminal:
        return None
    if environ.get("TMUX") or environ.get("STY"):
        return "tmux and screen draw every cell themselves, so no terminal around them can write a line right to left"
    term = environ.get("TERM", "")
    if term.startswith(("screen", "tmux")):
        return f"TERM={term} is tmux or screen, which cannot write a line right to left"
    vte = environ.get("VTE_VERSION", "")
    if vte.isdigit() and int(vte) >= 5800:
        return None
    if environ.get("KONSOLE_VERSION") or environ.get("MLTERM") or environ.get("TERM_PROGRAM") == "mintty":
        return None
    program = environ.get("TERM_PROGRAM") or (f"TERM={term}" if term else "an unknown terminal")
    return f"this terminal ({program}) is not one known to join Arabic letters and write them right to left"
