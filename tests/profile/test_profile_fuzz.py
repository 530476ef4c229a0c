"""Property: whatever is done to a valid profile, reading it ends in a Profile or a UserError
whose every line names the file and a line, and `hygiene profile check` exits 0 or 2.

Mutations start from real profiles (the template `hygiene init` writes, a filled-in one, the
test fixtures) and splice in what breaks parsers: brackets, quotes, escapes, deep nesting,
long numbers, datetimes, inf/nan, NUL and other control characters, invalid UTF-8.
HYGIENE_FUZZ_EXAMPLES=2000 runs a longer search; the default keeps this file near 10 s."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.errors import UserError
from hygiene.profile import Profile, parse_profile, read_profile
from hygiene.profile.template import Answers, render_profile
from tests.helpers import CHECK_IDS, FIXTURES, fuzz_settings
from tests.shared_result import SHARED_PROFILE_TOML

TODAY = date(2026, 11, 27)
FUZZ = fuzz_settings(300)

SEEDS = [
    render_profile(Answers(), TODAY),
    render_profile(
        Answers(
            region="PK",
            attest={"training_completed": date(2026, 3, 14), "restore_tested": "never"},
            accounts=[("gmail", "passkey", True), ('Bank "Alfalah"', "sms", False)],
            backups=[("nas", "sftp:backup@nas:/restic", False), ("usb", "/media/usb", True)],
        ),
        TODAY,
    ),
    SHARED_PROFILE_TOML,
    *(path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "profiles").glob("*.toml"))),
]

FRAGMENTS = [
    "[", "]", "[[", "]]", "{", "}", '"', "'", '"""', "'''", "=", ".", ",", "#", "\n", "\r\n", "\\",
    "\\u", "\\ud800", "\\U0010FFFF", "\\u0000", "\x00", "\x1b[31m", "\x7f", "\u202e", "\ufeff",
    "inf", "-inf", "nan", "+nan", "true", "1979-05-27T07:32:00Z", "1979-05-27 07:32:00", "07:32:00",
    "1979-05-27", "2999-12-31", "0x" + "F" * 300, "9" * 5000, "1_000", "-0", "1e999", "[" * 3000,
    "{a=" * 3000, "[/bold]", "[[waivers]]\n", "[attest]\n", "[weights]\n", "ENC-001 = ", "expires = ",
    "check = ", "method = ", "never", '"never"', " " * 10_000, "a." * 200, "x" * 20_000,
]  # fmt: skip
VALUES = [
    "1979-05-27T07:32:00-08:00", "07:32:00", "1979-05-27", "inf", "nan", "-1", "0x" + "F" * 5000,
    "9" * 5000, "[" * 100_000, "{b=" * 50_000, '"\\u0000"', '""', '"PK"', "[]", "{}", "true", "1.5",
    '"' + "x" * 100_000 + '"', "'''\n[x]\n'''", '"""\n[' + " " * 10_000 + '\n"""',
]  # fmt: skip


@st.composite
def mutated(draw) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "random", "delete", "duplicate", "value", "lines"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
        elif kind == "random":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 200))] * 2 + text[at + 200 :]
        elif kind == "value":  # the value of one `key = value` line replaced
            keyed = [m for m in re.finditer(r"(?m)^[\w.-]+ = .*$", text)]
            if keyed:
                line = draw(st.sampled_from(keyed))
                key = line.group().split(" = ", 1)[0]
                text = text[: line.start()] + f"{key} = {draw(st.sampled_from(VALUES))}" + text[line.end() :]
        else:  # two lines swapped
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


def names_file_and_line(message: str, path: Path) -> bool:
    return all(re.match(rf"{re.escape(str(path))}:\d+(:\d+)?: \S", line) for line in message.splitlines())


@FUZZ
@given(mutated())
def test_a_mutated_profile_is_a_profile_or_a_user_error(text):
    path = Path("fuzzed.toml")
    try:
        result = parse_profile(text, path, TODAY, known_checks=CHECK_IDS)
    except UserError as exc:
        assert names_file_and_line(str(exc), path), str(exc)[:500]
    else:
        assert isinstance(result, Profile)


@FUZZ
@given(mutated(), st.binary(max_size=8), st.integers(0, 10_000))
def test_a_mutated_file_is_a_profile_or_a_user_error(text, junk, at):
    """As bytes on disk: invalid UTF-8 and lone surrogates included."""
    raw = text.encode("utf-8", errors="surrogatepass")
    raw = raw[:at] + junk + raw[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.toml"
        path.write_bytes(raw)
        try:
            result = read_profile(path, TODAY, known_checks=CHECK_IDS)
        except UserError as exc:  # a file over the bound is refused whole: it has no line to name
            too_big = re.fullmatch(
                rf"{re.escape(str(path))}: [\d,]+ bytes is over the 256 KiB limit for a profile", str(exc)
            )
            assert too_big or names_file_and_line(str(exc), path), str(exc)[:500]
        else:
            assert isinstance(result, Profile)


@fuzz_settings(100)  # through the CLI: slower, so fewer
@given(mutated())
def test_profile_check_exits_0_or_2(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.toml"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        r = CliRunner().invoke(app, ["profile", "check", str(path)])
        assert r.exit_code in (0, 2) and (r.exception is None or isinstance(r.exception, SystemExit)), r.exception
        if r.exit_code == 2:
            message = r.stderr.removeprefix("hygiene: error: ")
            assert r.stdout == "" and names_file_and_line(message.rstrip("\n"), path), r.stderr[:500]
        else:
            assert r.stdout.startswith(f"{path}: valid")
