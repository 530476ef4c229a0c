"""Parses /etc/os-release (or /usr/lib/os-release): shell-style KEY=value lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FAMILIES = {
    "debian": ("debian", "ubuntu"),
    "rhel": ("rhel", "fedora", "centos"),
    "suse": ("suse", "opensuse", "sles"),
    "arch": ("arch",),
    "alpine": ("alpine",),
}


@dataclass(frozen=True)
class OsRelease:
    id: str
    id_like: tuple[str, ...]
    version_id: str
    pretty_name: str
    fields: dict[str, str]
    lines: dict[str, str] = field(default_factory=dict)  # each key's line as written, for evidence

    def deciding_lines(self, *keys: str) -> list[str]:
        """The lines that set these keys, in the file's order: what a finding quotes."""
        return [line for key, line in self.lines.items() if key in keys]

    def is_like(self, family: str) -> bool:
        return self.id == family or family in self.id_like

    @property
    def family(self) -> str:
        """The family whose tools and advice apply: debian, rhel, suse, arch, alpine, or ""."""
        for family, members in FAMILIES.items():
            if any(self.is_like(m) for m in members):
                return family
        return ""


_PLAIN = re.compile(r"[^ \t\r\n\"'\\]+")  # a run with no blank, quote or backslash
_IN_DOUBLE = re.compile(r'[^"\\]+')


def shell_words(raw: str) -> list[str] | None:
    """What shlex.split(raw, comments=False, posix=True) returns, or None where it raises (an
    unclosed quote, a backslash at the end). shlex builds each word one character at a time on
    an attribute, which grows quadratically on a long quoted value; this consumes runs."""
    words: list[str] = []
    word: list[str] = []
    in_word = False  # shlex's "token or quoted": "" is a word, nothing is not
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c in " \t\r\n":
            if in_word:
                words.append("".join(word))
                word, in_word = [], False
            i += 1
            continue
        in_word = True
        if c == "\\":  # outside quotes: the next character, whatever it is
            if i + 1 >= n:
                return None
            word.append(raw[i + 1])
            i += 2
        elif c == "'":  # no escapes inside single quotes
            end = raw.find("'", i + 1)
            if end < 0:
                return None
            word.append(raw[i + 1 : end])
            i = end + 1
        elif c == '"':
            i += 1
            while True:
                if i >= n:
                    return None
                if m := _IN_DOUBLE.match(raw, i):
                    word.append(m.group())
                    i = m.end()
                elif raw[i] == '"':
                    i += 1
                    break
                elif i + 1 >= n:  # a backslash at the end
                    return None
                else:  # shlex drops the backslash only before a quote or a backslash
                    nxt = raw[i + 1]
                    word.append(nxt if nxt in '"\\' else "\\" + nxt)
                    i += 2
        else:
            m = _PLAIN.match(raw, i)
            word.append(m.group())
            i = m.end()
    if in_word:
        words.append("".join(word))
    return words


def parse_os_release(text: str) -> OsRelease:
    fields: dict[str, str] = {}
    lines: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, raw = line.partition("=")
        parts = shell_words(raw)
        if parts is None:  # unbalanced quote: keep the raw text rather than fail the audit
            parts = [raw.strip("\"'")]
        fields[key.strip()] = " ".join(parts)
        lines.pop(key.strip(), None)  # the last assignment wins, and keeps its place in the file's order
        lines[key.strip()] = line
    name = fields.get("NAME", "")
    return OsRelease(
        id=fields.get("ID", "").lower(),
        id_like=tuple(fields.get("ID_LIKE", "").lower().split()),
        version_id=fields.get("VERSION_ID", ""),
        pretty_name=fields.get("PRETTY_NAME") or " ".join(p for p in (name, fields.get("VERSION", "")) if p),
        fields=fields,
        lines=lines,
    )
