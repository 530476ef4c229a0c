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
    """The language to teach in when --lang is not given, read as gettext reads it: the locale is
    the first of LC_ALL, LC_MESSAGES and LANG that is set; unless it is C or POSIX (which mean
    English), LANGUAGE's list comes first. On Windows, the user's locale. The first of these
    that hygiene has lessons in; English otherwise."""
    locale = next((environ[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(n)), "")
    if locale.split(".")[0] in ("C", "POSIX"):
        return DEFAULT_LANGUAGE
    wanted = [*environ.get("LANGUAGE", "").split(":"), locale] if locale or environ.get("LANGUAGE") else []
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
    """None where right-to-left text will read correctly; else why it may not, as the end of the
    sentence "Urdu needs a terminal that joins its letters and writes right to left, and ...".
    Only terminals that say what they are are trusted."""
    if not is_terminal:
        return None
    if environ.get("TMUX") or environ.get("STY"):
        return "tmux and screen cannot do that (they draw every character themselves)"
    term = environ.get("TERM", "")
    if term.startswith(("screen", "tmux")):
        return f"tmux and screen cannot do that (TERM is {term})"
    program = environ.get("TERM_PROGRAM", "")
    if program == "mintty":
        return None
    # A terminal started from another (VS Code from GNOME Terminal) inherits its VTE_VERSION or
    # KONSOLE_VERSION; its own TERM_PROGRAM says it is something else.
    named = f"this terminal ({program or (f'TERM={term}' if term else 'unknown')})"
    if not program:
        vte = environ.get("VTE_VERSION", "")
        if vte.isascii() and vte.isdigit() and len(vte) <= 6 and int(vte) >= 5800:
            return None
        if environ.get("KONSOLE_VERSION") or environ.get("MLTERM"):
            return None
    return f"{named} is not one known to do that"
