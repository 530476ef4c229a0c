"""Exports are hostile input: mutate a valid export of every format (byte flips, truncation,
inserted markup and escape codes, duplicated and removed columns, JSON values of the wrong
type) and accept only a normal audit, rendered in every format, or a UserError that names the
file and does not quote the password.

A few hundred examples per format by default; HYGIENE_FUZZ_EXAMPLES=5000 for a longer hunt."""

import functools
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hygiene.errors import UserError
from hygiene.passwords import vault
from hygiene.passwords.exports import read_export
from hygiene.passwords.vault import audit_vault
from hygiene.passwords.vault_report import render_vault
from hygiene.reporters import OutputFormat, Style
from tests.helpers import FIXTURES, fuzz_settings

SECRET = "Zq9-Lahore-Tulip-77"  # in every fixture export
EXPORTS = FIXTURES / "exports"
CSV_EXPORTS = sorted(p.name for p in EXPORTS.glob("*.csv"))
FUZZ = fuzz_settings(200)
STYLE = Style(color=True, width=100)
RENDERED: set[tuple] = set()  # what reports were rendered: rendering is a pure function of them
INSERTS = (
    "[/bold]",
    "[link=https://evil.example]",
    "[/]",
    "\x1b[2J\x1b[H",  # CSI: clear the screen
    "\x1b]8;;https://evil.example\x1b\\",  # OSC 8: a hyperlink
    "\x1b]0;title\x07",
    "\x00",
    "\r",
    "\n",
    '"',
    ",",
    "\u202e",
    "\ud800",  # a lone surrogate: written as UTF-8 with surrogatepass, so not UTF-8
    "\\ud800",  # ... and as a JSON escape, which is valid JSON
    "{",
    "[" * 50,
    "9" * 5000,
    "\ufeff",
)


def check(path: Path) -> None:
    """The property: a normal result in every output format, or a UserError naming the file."""
    try:
        label, entries = read_export(path)
    except UserError as exc:
        assert str(exc).startswith(str(path)) and "lahore" not in str(exc).lower()
        assert exc.__cause__ is None and exc.__context__ is None
        return
    report = audit_vault(label, entries)
    shown = (label, *((e.line, e.title, e.site, e.username, e.problems, e.has_totp) for e in report.entries))
    if shown in RENDERED:  # the same report again (the mutation changed nothing shown): rendered already
        return
    RENDERED.add(shown)
    for fmt in OutputFormat:
        render_vault(report, fmt, STYLE).encode("utf-8")  # as it will be, on stdout or in a file


@pytest.fixture(scope="module")
def workdir():
    """One folder for every example, and zxcvbn's verdicts remembered across examples: most
    mutations leave the passwords alone, and a new password is still scored for real."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(vault, "_score", functools.cache(vault._score))
        yield Path(tmp)


def mutations(original: bytes) -> st.SearchStrategy[bytes]:
    size = len(original)
    at = st.integers(0, size)

    def flip(data: bytes, spots: list[tuple[int, int]]) -> bytes:
        out = bytearray(data)
        for pos, mask in spots:
            out[pos % len(out)] ^= mask
        return bytes(out)

    def insert(data: bytes, pos: int, text: str) -> bytes:
        return data[:pos] + text.encode("utf-8", "surrogatepass") + data[pos:]

    flips = st.lists(st.tuples(at, st.integers(1, 255)), min_size=1, max_size=4).map(lambda s: flip(original, s))
    cuts = at.map(lambda n: original[:n])
    inserted = st.lists(st.tuples(at, st.sampled_from(INSERTS)), min_size=1, max_size=3).map(
        lambda spots: _insert_all(original, spots, insert)
    )
    return st.one_of(flips, cuts, inserted)


def _insert_all(data: bytes, spots: list[tuple[int, str]], insert) -> bytes:
    for pos, text in sorted(spots, reverse=True):  # from the end, so positions stay meaningful
        data = insert(data, min(pos, len(data)), text)
    return data


def columns(original: bytes) -> st.SearchStrategy[bytes]:
    """Duplicate or remove one column (naively, by commas), in the header, the rows or both."""
    text = original.decode("utf-16" if original.startswith(b"\xff\xfe") else "utf-8-sig")
    lines = text.split("\n")
    width = max(len(line.split(",")) for line in lines)

    def change(column: int, duplicate: bool, header_only: bool, rows_only: bool) -> bytes:
        out = []
        for i, line in enumerate(lines):
            cells = line.split(",")
            touch = (i == 0 or not header_only) and (i > 0 or not rows_only)
            if touch and column < len(cells):
                if duplicate:
                    cells.insert(column, cells[column])
                else:
                    del cells[column]
            out.append(",".join(cells))
        return "\n".join(out).encode()

    return st.builds(change, st.integers(0, width - 1), st.booleans(), st.booleans(), st.booleans())


CSV_MUTATIONS = {
    name: st.one_of(mutations(original), columns(original))
    for name in CSV_EXPORTS
    for original in [(EXPORTS / name).read_bytes()]
}


@pytest.mark.parametrize("name", CSV_EXPORTS)
@FUZZ
@given(data=st.data())
def test_a_mutated_csv_export_is_audited_or_refused(workdir, name, data):
    content = data.draw(CSV_MUTATIONS[name])
    path = workdir / name
    path.write_bytes(content)
    check(path)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.just(SECRET),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
JSON_PLACES = (
    (),
    ("items",),
    ("items", 0),
    ("items", 0, "name"),
    ("items", 0, "login"),
    ("items", 0, "login", "password"),
    ("items", 0, "login", "username"),
    ("items", 0, "login", "totp"),
    ("items", 0, "login", "uris"),
    ("items", 0, "login", "uris", 0),
    ("items", 0, "login", "uris", 0, "uri"),
    ("items", 1, "login"),
    ("encrypted",),
)


def _replace(doc, place: tuple, value):
    if not place:
        return value
    head, *rest = place
    doc[head] = _replace(doc[head], tuple(rest), value)
    return doc


BITWARDEN_JSON = (EXPORTS / "bitwarden.json").read_bytes()
JSON_MUTATIONS = st.one_of(
    st.builds(  # a value of any type anywhere Bitwarden's fields are read
        lambda place, value: json.dumps(_replace(json.loads(BITWARDEN_JSON), place, value)).encode(),
        st.sampled_from(JSON_PLACES),
        JSON_VALUES,
    ),
    mutations(BITWARDEN_JSON),
)


@FUZZ
@given(content=JSON_MUTATIONS)
def test_a_mutated_bitwarden_json_export_is_audited_or_refused(workdir, content):
    path = workdir / "bitwarden.json"
    path.write_bytes(content)
    check(path)
