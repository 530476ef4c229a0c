"""Parses Windows `net accounts`: nine `label: value` lines in a fixed order, then a line saying
the command completed. Labels and words ("Never", "Nie", "Jamais") follow the display language
and there is no JSON form. Each line is matched by its label where the label is known (English,
German, French, Spanish, Dutch); a table of nine lines whose known labels all sit in their
places is read by position, so that a display language not listed here still works. A value is
a number, or a word without digits (never, none, unlimited in any language); anything else, a
setting that cannot be placed, or a line that breaks one in two is refused, never guessed."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from hygiene.parsers import ParseError, excerpt, number

# The nine settings, in the order `net accounts` prints them.
ORDER = (
    "force_logoff",
    "min_age",
    "max_age",
    "min_length",
    "history",
    "lockout_threshold",
    "lockout_duration",
    "lockout_window",
    "role",
)
NEEDED = {
    "min_length": "the minimum password length",
    "max_age": "the maximum password age",
    "history": "the password history",
    "lockout_threshold": "the lockout threshold",
}
# Label words per setting, compared casefolded and without accents (a label containing one of
# them is that setting): en, de, fr, es, nl.
LABELS = {
    "force_logoff": ("force user logoff", "erzwungene abmeldung", "fermeture de session force", "forzar cierre"),
    "min_age": (
        "minimum password age",
        "minimales kennwortalter",
        "duree de vie minimale",
        "vigencia minima",
        "antiguedad minima",
        "minimale wachtwoordduur",
    ),
    "max_age": (
        "maximum password age",
        "maximales kennwortalter",
        "duree de vie maximale",
        "vigencia maxima",
        "antiguedad maxima",
        "maximale wachtwoordduur",
    ),
    "min_length": (
        "minimum password length",
        "minimale kennwortlange",
        "longueur minimale",
        "longitud minima",
        "minimale wachtwoordlengte",
    ),
    "history": (
        "password history",
        "kennwortchronik",
        "mots de passe anterieurs",
        "historial de contrasenas",
        "wachtwoordgeschiedenis",
    ),
    "lockout_threshold": (
        "lockout threshold",
        "sperrschwelle",
        "seuil de verrouillage",
        "umbral de bloqueo",
        "vergrendelingsdrempel",
    ),
    "lockout_duration": ("lockout duration", "sperrdauer", "duree du verrouillage", "duracion del bloqueo"),
    "lockout_window": ("observation window", "beobachtungsfenster", "fenetre d'observation", "ventana de observacion"),
    "role": ("computer role", "computerrolle", "role de l'ordinateur", "funcion del equipo"),
}
SETTINGS = len(ORDER)


@dataclass(frozen=True)
class AccountPolicy:
    """What `net accounts` says; a setting it does not say readably is in `unread` (with why),
    so that a check needing another one still has its answer (a cut capture may still say
    "Lockout threshold: Never")."""

    min_length: int | None  # None only when unread
    max_age_days: int | None  # None: passwords never expire (or unread)
    lockout_threshold: int | None  # None: accounts never lock (or unread)
    history: int
    lines: dict[str, str] = field(default_factory=dict)  # setting -> the line it was read from
    unread: dict[str, str] = field(default_factory=dict)  # setting -> why it could not be read

    def line(self, setting: str) -> str:
        """The line a setting was read from; ParseError saying why when it could not be."""
        if setting in self.unread:
            raise ParseError(self.unread[setting])
        return self.lines[setting]


@dataclass(frozen=True)
class _Line:
    number: int
    label: str
    value: str
    text: str


def _plain(text: str) -> str:
    """Casefolded, without accents, so that "Minimale Kennwortlänge" matches "kennwortlange"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _setting(label: str) -> str | None:
    plain = _plain(label)
    found = [name for name, words in LABELS.items() if any(word in plain for word in words)]
    return found[0] if len(found) == 1 else None


def _split(line: str) -> tuple[str, str] | None:
    """`label: value` at the first ':' followed by a blank or the line's end (French puts a
    blank before the colon; "...expires?:" has text before it)."""
    start = 0
    while (colon := line.find(":", start)) >= 0:
        if colon + 1 == len(line) or line[colon + 1].isspace():
            label = line[:colon].strip()
            return (label, line[colon + 1 :].strip()) if label else None
        start = colon + 1
    return None


def _lines(text: str) -> tuple[list[_Line], list[tuple[int, str, int]]]:
    """The `label: value` lines, and the others (number, text, how many label lines came
    before): the last line, after every setting, is the success message in any language."""
    numbered = [(n, ln.strip()) for n, ln in enumerate(text.splitlines(), 1) if ln.strip()]
    settings: list[_Line] = []
    others: list[tuple[int, str, int]] = []
    for number_, line in numbered:
        split = _split(line)
        if split is None:
            others.append((number_, line, len(settings)))
        else:
            settings.append(_Line(number_, split[0], split[1], line))
    if others and others[-1][0] == numbered[-1][0] and others[-1][2] == len(settings) >= SETTINGS:
        others.pop()  # "The command completed successfully." / "Der Befehl wurde erfolgreich ausgeführt."
    return settings, others


def _placed(settings: list[_Line]) -> dict[str, _Line]:
    """Each setting's line: by its label, or, when there are nine lines and every known label
    is in its place, by position."""
    by_label: dict[str, _Line] = {}
    for line in settings:
        name = _setting(line.label)
        if name is not None:
            if name in by_label:
                raise ParseError(f"`net accounts` gives {NEEDED.get(name, name)} twice (line {line.number})")
            by_label[name] = line
    in_place = all(settings.index(line) == ORDER.index(name) for name, line in by_label.items())
    if len(settings) == SETTINGS and in_place:
        return dict(zip(ORDER, settings, strict=True))
    return by_label


def _value(line: _Line, what: str) -> int | None:
    """A number, or None for a word without digits (Never, Nie, Jamais, Nunca, None, Unbegrenzt)."""
    value = line.value
    if value.isascii() and value.isdigit():
        return number(value, "`net accounts`")
    if value and not any(c.isdigit() for c in value):
        return None
    raise ParseError(
        f"`net accounts` line {line.number} gives {excerpt(value)} for {what}: no number, no word for never"
    )


def parse_net_accounts(text: str) -> AccountPolicy:
    settings, others = _lines(text)
    if not settings:
        found = excerpt(others[0][1]) if others else "nothing"
        raise ParseError(f"`net accounts` printed no `label: value` line, but {found}")
    placed = _placed(settings)
    unplaced = [line.text for line in settings if line not in placed.values()] + [t for _, t, _ in others]
    values: dict[str, int | None] = {}
    unread: dict[str, str] = {}
    for name, what in NEEDED.items():
        line = placed.get(name)
        broken = line and next((t for _, t, before in others if before and settings[before - 1] is line), None)
        try:
            if line is None:
                hint = f"; lines not recognised: {excerpt(unplaced[0])}" if unplaced else ""
                raise ParseError(f"`net accounts` has no line for {what} ({len(settings)} settings){hint}")
            if broken:
                raise ParseError(f"`net accounts` has a line breaking the one for {what} in two: {excerpt(broken)}")
            values[name] = _value(line, what)
            if name == "min_length" and values[name] is None:
                raise ParseError(f"`net accounts` gave no number for {what}: {excerpt(line.text)}")
        except ParseError as exc:
            unread[name] = str(exc)
            values[name] = None
    if len(unread) == len(NEEDED):
        raise ParseError(next(iter(unread.values())))
    return AccountPolicy(
        min_length=values["min_length"],
        max_age_days=values["max_age"],
        lockout_threshold=values["lockout_threshold"] or None,  # 0 also means never
        history=values["history"] or 0,
        lines={name: line.text for name, line in placed.items() if name in NEEDED},
        unread=unread,
    )
