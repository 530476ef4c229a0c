"""`hygiene password audit`: every export format, breaches online and offline, and no
password anywhere in what it prints, writes or raises."""

import contextlib
import http.server
import json
import os
import threading
import traceback
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.errors import UserError
from hygiene.passwords import breach as breach_mod
from hygiene.passwords.breach import BreachCheckUnavailable, PwnedFile, PwnedRange, sha1_hex
from hygiene.passwords.exports import MAX_EXPORT_BYTES, MAX_SHOWN, Entry, read_export
from hygiene.passwords.vault import audit_vault
from hygiene.passwords.vault_report import render_vault
from hygiene.reporters import OutputFormat, Style
from tests.helpers import FIXTURES

runner = CliRunner()
SECRET = "Zq9-Lahore-Tulip-77"  # the strong password in every fixture export
EXPORTS = FIXTURES / "exports"
FORMATS = {
    "bitwarden.csv": "Bitwarden CSV",
    "bitwarden.json": "Bitwarden JSON",
    "keepassxc.csv": "KeePassXC CSV",
    "1password.csv": "1Password CSV",
    "chrome.csv": "Chrome / Edge / Brave CSV",
    "chrome-utf16.csv": "Chrome / Edge / Brave CSV",
    "firefox.csv": "Firefox CSV",
    "apple.csv": "Apple Passwords / Safari CSV",
    "lastpass.csv": "LastPass CSV",
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_recognised_from_its_header(name):
    label, entries = read_export(EXPORTS / name)
    assert label == FORMATS[name]
    assert [e.password for e in entries] == [SECRET, "password1"]  # notes without passwords are skipped
    mail, bank = entries
    assert mail.site == "mail.example.pk" and bank.site == "bank.example.pk" and bank.username == "amina"
    if label in {"Chrome / Edge / Brave CSV", "Firefox CSV"}:  # no one-time-code column: cannot say
        assert mail.has_totp is None and bank.has_totp is None
    else:
        assert mail.has_totp is True and bank.has_totp is False


def test_line_numbers_follow_quoted_newlines_and_crlf():
    _, entries = read_export(EXPORTS / "bitwarden.csv")
    assert [e.line for e in entries] == [2, 3]  # the Bank record spans lines 3-4


def test_an_entry_never_shows_its_password():
    _, entries = read_export(EXPORTS / "chrome.csv")
    assert SECRET not in repr(entries) and SECRET not in str(entries[0])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", ":? is empty|is empty"),
        (b"site,login,secret\nexample,me,pw\n", ":1: unknown export layout (3 columns, none a known column name)"),
        (b"name,url,username,password\nmail,https://x,me\n", ":2: has 3 columns, the header has 4"),
        (b'name,url,username,password\n"unterminated,https://x,me,pw\n', ""),
        (b"name,url,username,password\n\xff\xfe\xfa,x,y,z\n", ":2: not UTF-8 text"),
        (b"\xff\xfe" + "name,url\nx,".encode("utf-16-le") + b"\x00\xd8", ":2: not UTF-16 text"),
        (b'{"items": [{"login": {"password": 12345678}}]}', ": item 1: login.password is a number, not text"),
        (b'{"encrypted": true, "items": []}', "is an encrypted Bitwarden export"),
        (b'{"encrypted": "false", "items": []}', ": encrypted is text, not true or false"),
        (b'{"encrypted": "true", "items": []}', ": encrypted is text, not true or false"),
        (b'{"passwordProtected": "no", "items": []}', ": passwordProtected is text, not true or false"),
        (b'{"items": [}', ":1: not valid JSON"),
        (b'{"items":\n [1 2]}', ":2: not valid JSON (Expecting ',' delimiter)"),
    ],
)
def test_bad_exports_name_file_and_line_without_values(tmp_path, content, message):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    try:
        label, entries = read_export(path)
    except UserError as exc:
        assert str(exc).startswith(str(path)) and (not message or any(m in str(exc) for m in message.split("|")))
        assert "pw" not in str(exc).split(": ", 1)[-1].split("(")[0] or "header" in str(exc)
    else:  # the csv module reads an unterminated quote to the end: one odd entry, no crash
        assert message == "" and len(entries) <= 1


@pytest.mark.parametrize(
    "top",
    [{"passwordProtected": False}, {"passwordProtected": None, "encrypted": None}, {"items_encrypted": True}],
)
def test_an_unencrypted_export_that_says_so_is_read(tmp_path, top):
    """`encrypted: false` and `passwordProtected: false` are what a plain export may say, and an
    `encrypted` key inside an item is no sign of an encrypted export."""
    item = {**GOOD_ITEM, "encrypted": True} if top.pop("items_encrypted", False) else GOOD_ITEM
    path = tmp_path / "bitwarden.json"
    path.write_bytes(json.dumps({"encrypted": False, **top, "items": [item]}).encode())
    label, entries = read_export(path)
    assert label == "Bitwarden JSON" and [e.title for e in entries] == ["Mail"]


def _strings(value):
    """Every string value in a JSON value (salts, key checks, cipher texts, ids)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | dict):
        for v in value.values() if isinstance(value, dict) else value:
            yield from _strings(v)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("bitwarden-password-protected.json", "password-protected"),
        ("bitwarden-account-restricted.json", "account-restricted"),
    ],
)
@pytest.mark.parametrize("command", [["password", "audit"], ["audit", "--only", "PWD-006", "--no-progress", "--vault"]])
def test_an_encrypted_bitwarden_export_is_named_so_and_nothing_of_it_is_shown(name, kind, command):
    """Bitwarden's two encrypted exports (our own files in its format): said to be encrypted,
    with what to do, rather than "no 'items' list"; no salt, key check or cipher text is quoted."""
    path = EXPORTS / name
    r = runner.invoke(app, [*command, str(path)])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.strip() == (
        f"hygiene: error: {path}: this is an encrypted Bitwarden export ({kind}), which hygiene cannot read: "
        "export it unencrypted, audit, then delete it"
    )
    quoted = [v for v in _strings(json.loads(path.read_text())) if len(v) >= 8 and v in r.stderr.replace(str(path), "")]
    assert quoted == []


def test_source_override_and_unknown_source(tmp_path):
    assert read_export(EXPORTS / "apple.csv", "apple")[0] == "Apple Passwords / Safari CSV"
    with pytest.raises(UserError, match="needs the columns"):
        read_export(EXPORTS / "chrome.csv", "keepassxc")
    with pytest.raises(UserError, match="choose one of: bitwarden"):
        read_export(EXPORTS / "chrome.csv", "dashlane")


@pytest.mark.parametrize(
    ("header", "shown"),
    [
        (f"Office mail,https://mail.example.pk,amina,{SECRET}", "4 columns, none a known column name"),
        (f"name,URL, {SECRET} ,login", "4 columns: name, url and 2 that are not known column names"),
        ("name,url,name,x", "4 columns: name, url and 1 that is not a known column name"),
        ("title,url,username,comment", "4 columns: title, url, username and 1 that is not a known column name"),
        ("folder,favorite,type,name,notes", "5 columns: folder, favorite, type, name, notes"),
    ],
)
def test_an_unknown_layout_names_only_known_columns_never_a_value(tmp_path, header, shown):
    """An export without a header row starts with an entry: its cells are counted, never quoted."""
    path = tmp_path / "export.csv"
    path.write_text(f"{header}\nmail,https://m.example,me,{SECRET}\n")
    with pytest.raises(UserError) as caught:
        read_export(path)
    assert f"{path}:1: unknown export layout ({shown})" in str(caught.value)
    assert "lahore" not in str(caught.value).lower() and "office" not in str(caught.value).lower()
    with pytest.raises(UserError) as caught:  # --source names the missing columns, and shows the header the same way
        read_export(path, "keepassxc")
    assert f"this header has {shown}" in str(caught.value) and "lahore" not in str(caught.value).lower()


# --- the vault -------------------------------------------------------------------------------


def entries(*passwords, totp=False):
    return [Entry(i + 2, f"site {i}", f"s{i}.example", f"user{i}", p, totp) for i, p in enumerate(passwords)]


def test_reuse_weakness_and_health():
    report = audit_vault("test", entries(SECRET, "password1", SECRET, "vN7#qL2$", "lantern-orbit-velvet-cactus-harbor"))
    by_line = {e.line: e for e in report.entries}
    assert by_line[2].reuse is by_line[4].reuse and by_line[2].reuse.lines == (2, 4) and by_line[2].reused
    assert by_line[3].reuse is None and not by_line[3].reused and report.reuse_groups == (by_line[2].reuse,)
    assert by_line[3].weak and by_line[5].short_without_mfa and not by_line[6].problems
    assert report.distinct_passwords == 4 and report.health == 20
    assert [e.line for e in report.worst_first()] == [3, 2, 4, 5]


def test_a_second_factor_excuses_a_short_password():
    (entry,) = audit_vault("t", entries("vN7#qL2$", totp=True)).entries
    assert entry.short and not entry.problems


def test_sites_offering_a_second_factor_without_a_stored_code(tmp_path):
    export = tmp_path / "bitwarden.csv"
    export.write_text(
        "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n"
        ",,login,GitHub,,,0,https://github.com/login,amina,lantern-orbit-velvet-cactus-harbor,\n"
        ",,login,Gmail,,,0,https://accounts.google.com/,amina,river-copper-falcon-meadow,otpauth://totp/g?secret=JBSWY3DP\n"
        ",,login,Bank,,,0,https://bank.example.pk,amina,password1,\n"
    )
    report = audit_vault(*read_export(export))
    assert [(e.title, e.mfa_offered.id) for e in report.offering_mfa()] == [("GitHub", "github")]
    assert report.health == 67  # advice, not a problem: the factor may be turned on elsewhere
    text = render_vault(report, OutputFormat.TABLE, Style(color=False, width=120))
    assert "offer a second factor" in text and "https://github.com/settings/security" in text and "passkey" in text
    doc = json.loads(render_vault(report, OutputFormat.JSON, Style(color=False, width=120)))
    assert doc["second_factor_offered"] == [
        {
            "line": 2,
            "title": "GitHub",
            "site": "github.com",
            "service": "github",
            "offers": ["sms", "app", "push", "passkey", "security_key"],
            "settings": "https://github.com/settings/security",
        }
    ]
    assert "| 2 | GitHub | github.com | passkey |" in render_vault(report, OutputFormat.MARKDOWN, Style(False, 100))


def test_an_export_without_a_code_column_says_it_cannot_tell(tmp_path):
    report = audit_vault(*read_export(EXPORTS / "chrome.csv"))
    assert not report.totp_known and report.offering_mfa() == []
    assert "no one-time-code column" in render_vault(report, OutputFormat.TABLE, Style(color=False, width=120))


def test_a_reuse_group_is_kept_once_not_once_per_entry():
    """10,000 entries sharing one password once took 71 s and 10 GB: every entry listed every
    other one, and the JSON repeated it. Now the group is one object and appears once."""
    n = 3000
    report = audit_vault("t", entries(*(["password1"] * n), SECRET, "lantern-orbit-velvet-cactus-harbor", SECRET))
    shared = report.entries[0].reuse
    assert all(e.reuse is shared for e in report.entries[:n]) and shared.lines == tuple(range(2, n + 2))
    assert report.reuse_groups == (shared, report.entries[n].reuse) and report.entries[n + 1].reuse is None
    assert [g.number for g in report.reuse_groups] == [1, 2] and report.entries[n].reuse.lines == (n + 2, n + 4)
    assert report.entries[0].problems == ("weak", f"reused ({n} entries)")
    text = render_vault(report, OutputFormat.JSON, Style(color=False, width=120))
    doc = json.loads(text)
    assert doc["reuse_groups"] == [
        {"group": 1, "entries": n, "lines": list(range(2, n + 2))},
        {"group": 2, "entries": 2, "lines": [n + 2, n + 4]},
    ]
    assert {p["reuse_group"] for p in doc["problems"]} == {1, 2} and doc["summary"]["reused"] == n + 2
    assert len(text) < 400 * n  # linear in the entries (it held n * n line numbers)


def test_progress_reports_the_slow_work_with_its_total():
    seen = []
    audit_vault("t", entries(*(["password1"] * 5 + [SECRET, "vN7#qL2$"])), lambda p: 7, lambda *a: seen.append(a))
    scoring = [(done, total) for what, done, total in seen if what == "Scoring passwords"]
    breaches = [(done, total) for what, done, total in seen if what == "Checking breaches"]
    assert scoring == [(0, 3), (1, 3), (2, 3), (3, 3)] and breaches == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_identical_passwords_are_scored_once(monkeypatch):
    calls = []
    import hygiene.passwords.vault as vault

    real = vault._score
    monkeypatch.setattr(vault, "_score", lambda item: calls.append(1) or real(item))
    audit_vault("t", entries(*(["password1"] * 30 + [SECRET] * 20)))
    assert len(calls) == 2


# --- breaches --------------------------------------------------------------------------------


def pwned_file(tmp_path, passwords, extra=200):
    lines = {sha1_hex(p): n for p, n in passwords.items()}
    for i in range(extra):
        lines[sha1_hex(f"filler-{i}")] = i + 1
    path = tmp_path / "pwned-passwords-sha1-ordered-by-hash-v8.txt"
    path.write_bytes("".join(f"{h}:{n}\r\n" for h, n in sorted(lines.items())).encode())
    return path


def test_offline_file_binary_search(tmp_path):
    path = pwned_file(tmp_path, {"password1": 2_418_984, "123456": 37_359_195})
    pwned = PwnedFile(path)
    assert pwned.count("password1") == 2_418_984 and pwned.count("123456") == 37_359_195
    assert pwned.count(SECRET) == 0
    for i in (0, 99, 199):
        assert pwned.count(f"filler-{i}") == i + 1  # first, middle and last lines


def test_offline_file_that_is_not_the_sha1_list(tmp_path):
    ntlm = tmp_path / "ntlm.txt"
    ntlm.write_text("00000011059407D743D40689940F858C:3\n")
    with pytest.raises(BreachCheckUnavailable, match="not a Pwned Passwords SHA-1 file"):
        PwnedFile(ntlm)


class _RangeHandler(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def do_GET(self):  # noqa: N802 - the http.server API
        _RangeHandler.seen.append((self.path, self.headers.get("Add-Padding")))
        prefix = self.path.rsplit("/", 1)[-1]
        body = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n"  # someone else's hash
        if prefix == sha1_hex("password1")[:5]:
            body += f"{sha1_hex('password1')[5:]}:2418984\r\n"
        body += "00D4F6E8FA6EECAD2A3AA415EEC418D38EC:0\r\n"  # padding, count 0
        if prefix == sha1_hex(SECRET)[:5]:
            body += f"{sha1_hex(SECRET)[5:]}:0\r\n"  # padding that happens to match: not a breach
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def range_server(monkeypatch):
    server = http.server.HTTPServer(("127.0.0.1", 0), _RangeHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _RangeHandler.seen = []
    monkeypatch.setattr(breach_mod, "RANGE_URL", f"http://127.0.0.1:{server.server_port}/range/")
    yield _RangeHandler.seen
    server.shutdown()


def test_online_sends_only_five_hex_characters_with_padding(range_server):
    pwned = PwnedRange(breach_mod.RANGE_URL)
    assert pwned.count("password1") == 2418984 and pwned.count(SECRET) == 0
    pwned.count("password1")  # a second lookup of the same prefix: no second request
    assert [path for path, _ in range_server] == [
        f"/range/{sha1_hex('password1')[:5]}",
        f"/range/{sha1_hex(SECRET)[:5]}",
    ]
    assert all(padding == "true" for _, padding in range_server)
    assert all(len(path.rsplit("/", 1)[-1]) == 5 for path, _ in range_server)


def test_online_when_offline_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(breach_mod, "RANGE_URL", "http://127.0.0.1:9/range/")
    with pytest.raises(BreachCheckUnavailable, match="could not reach the Pwned Passwords service"):
        PwnedRange(breach_mod.RANGE_URL, timeout=2).count("password1")


# --- the command, and the promise that no password leaks ------------------------------------------


def test_the_secret_appears_nowhere_on_any_path(tmp_path, range_server):
    """Every export format, table/json/markdown, online and offline breach checks, errors."""
    written = tmp_path / "report.json"
    runs = []
    for name in sorted(FORMATS):
        for fmt in ("table", "json", "markdown"):
            runs.append(runner.invoke(app, ["password", "audit", str(EXPORTS / name), "-f", fmt, "--no-progress"]))
    runs.append(runner.invoke(app, ["password", "audit", str(EXPORTS / "chrome.csv"), "--online", "-f", "json"]))
    pwned = pwned_file(tmp_path, {"password1": 5})
    runs.append(runner.invoke(app, ["password", "audit", str(EXPORTS / "chrome.csv"), "--pwned-file", str(pwned)]))
    runs.append(
        runner.invoke(app, ["password", "audit", str(EXPORTS / "chrome.csv"), "-f", "json", "-o", str(written)])
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(f"name,url,username,password\nx,y,{SECRET}\n")
    runs.append(runner.invoke(app, ["password", "audit", str(bad)]))
    for r in runs:
        assert SECRET not in r.output and SECRET not in (r.stderr or "")
        assert r.exception is None or isinstance(r.exception, SystemExit)
    assert SECRET not in written.read_text()
    assert SECRET not in str(range_server) and sha1_hex(SECRET) not in str(range_server)
    assert runs[-1].exit_code == 2 and ":2: has 3 columns" in runs[-1].stderr


HEADER = "name,url,username,password\n"
GOOD_ITEM = {"name": "Mail", "login": {"uris": [{"uri": "https://m.example"}], "username": "me", "password": SECRET}}


def bitwarden(*items, **top) -> bytes:
    return json.dumps({"encrypted": False, **top, "items": [GOOD_ITEM, *items]}).encode()


TRUNCATED = (EXPORTS / "bitwarden.json").read_bytes()
TRUNCATED = TRUNCATED[: TRUNCATED.index(SECRET.encode()) + len(SECRET)]
OSC8 = f"\x1b]8;;https://evil.example\x1b\\{SECRET}\x1b]8;;\x1b\\"
# name: (export, exit code, what stderr must say after the file name). Each holds SECRET, and
# the ones that are audited also hold a weak entry, so their titles reach the table.
HOSTILE = {
    "no header row": (
        f"Mail,https://m.example,me,{SECRET}\n".encode(),
        2,
        ":1: unknown export layout (4 columns, none",
    ),
    "wrong column count": (f"{HEADER}Mail,https://m.example,{SECRET}\n".encode(), 2, ":2: has 3 columns, the header"),
    "not UTF-8": (f"{HEADER}Mail,https://m.example,me,{SECRET}".encode() + b"\xff\n", 2, ":2: not UTF-8 text"),
    "broken UTF-16": (
        f"\ufeff{HEADER}Mail,https://m.example,me,{SECRET}".encode("utf-16-le") + b"\x00\xd8\n\x00",
        2,
        ":2: not UTF-16 text",
    ),
    "truncated JSON": (TRUNCATED, 2, ":5: not valid JSON (Unterminated string"),
    "JSON items not objects": (bitwarden([SECRET]), 2, ": item 2 is a list, not an object"),
    "JSON login a list": (bitwarden({"name": "x", "login": [SECRET]}), 2, ": item 2: login is a list, not an object"),
    "JSON password a number": (bitwarden({"login": {"password": 12345678}}), 2, ": item 2: login.password is a number"),
    "JSON uris a string": (
        bitwarden({"login": {"password": "pw12345678", "uris": SECRET}}),
        2,
        ": item 2: login.uris is text",
    ),
    "JSON uri an object": (
        bitwarden({"login": {"password": "x", "uris": [{"uri": "x"}, {"uri": {"u": SECRET}}]}}),
        2,
        ": item 2: login.uris[1].uri is an object, not text",
    ),
    "JSON name an object": (bitwarden({"name": {"n": SECRET}, "login": {"password": "x"}}), 2, ": item 2: name is an"),
    "JSON username a list": (bitwarden({"login": {"username": [SECRET]}}), 2, ": item 2: login.username is a list"),
    "JSON items an object": (json.dumps({"items": {"a": SECRET}}).encode(), 2, ": not a Bitwarden JSON export"),
    "JSON nested 100,000 deep": (
        b'{"note": "' + SECRET.encode() + b'", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        2,
        ":1: not a Bitwarden JSON export (nested more than 100 levels deep)",
    ),
    "JSON integer of 5,000 digits": (
        bitwarden(GOOD_ITEM).replace(b'"items"', b'"x":\n' + b"7" * 5000 + b', "items"'),
        2,
        ":2: not valid JSON (a number of more than 4,300 digits)",
    ),
    "markup around the password": (
        f"{HEADER}[/bold],[link=https://evil.example]x,[/],[/bold]{SECRET}[link=https://e.example]\n"
        "[bold]Bank[/],[link=https://evil.example]bank.example[/link],[red],password1\n".encode(),
        1,
        "",
    ),
    "escape codes around the password": (
        f"{HEADER}\x1b[2J\x1b[H,https://m.example,me,{OSC8}\n\x1b[2JBank,\x1b]8;;https://e\x07b,me,password1\n".encode(),
        1,
        "",
    ),
    "lone surrogates": (
        b'{"items": [{"name": "\\ud800Mail", "login": {"username": "\\udfff", "password": "'
        + SECRET.encode()
        + b'\\udc00", "uris": [{"uri": "https://\\ud801.example"}]}}, '
        b'{"name": "[/bold]\\udfff", "login": {"password": "password1\\ud800"}}]}',
        1,
        "",
    ),
    "NUL bytes": (f"{HEADER}Mail\x00,https://m.example\x00,me,{SECRET}\x00\nBank\x00,x,y,password1\n".encode(), 1, ""),
    "a URL urllib refuses": (f"{HEADER}Mail,http://[::1,me,{SECRET}\nBank,https://[,me,password1\n".encode(), 1, ""),
}


def leaks(text: str) -> bool:
    return "lahore-tulip" in text.lower()


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_secret_appears_nowhere_on_any_error_path(tmp_path, case):
    """Hostile and broken exports, through both commands and every format: exit 2 naming the
    file and the place, or a normal audit; never a traceback, and never the password."""
    content, code, message = HOSTILE[case]
    export = tmp_path / ("export.json" if content.lstrip().startswith(b"{") else "export.csv")
    export.write_bytes(content)
    runs = []
    for fmt in ("table", "json", "markdown"):
        runs.append(runner.invoke(app, ["password", "audit", str(export), "-f", fmt, "--no-progress"]))
        written = tmp_path / f"report-{fmt}.txt"
        runs.append(runner.invoke(app, ["password", "audit", str(export), "-f", fmt, "-o", str(written)]))
    snap = tmp_path / "snap.json"
    from tests.helpers import snapshot_doc

    snap.write_text(json.dumps(snapshot_doc()))
    vault = runner.invoke(app, ["audit", "--snapshot", str(snap), "--only", "PWD-006", "--vault", str(export)])
    for r in [*runs, vault]:
        assert r.exception is None or isinstance(r.exception, SystemExit), f"{case}: {r.exception!r}"
        assert not leaks(r.stdout) and not leaks(r.stderr)
        if code == 2:
            assert r.exit_code == 2 and f"hygiene: error: {export}{message}" in r.stderr, r.stderr
    assert all(r.exit_code == code for r in runs), [r.exit_code for r in runs]
    assert vault.exit_code == (2 if code == 2 else 0)
    for path in tmp_path.glob("report-*"):
        assert not leaks(path.read_text(encoding="utf-8"))
    if code != 2:  # audited: the weak entry is reported in every format, its title shown as text
        assert len(list(tmp_path.glob("report-*"))) == 3 and "Fix these first" in runs[0].stdout
        assert any(p["weak"] for p in json.loads(runs[2].stdout)["problems"])


@pytest.mark.parametrize("case", [c for c, (_, code, _) in HOSTILE.items() if code == 2])
def test_hostile_exports_raise_only_user_errors_without_the_secret(tmp_path, case):
    path = tmp_path / "export"
    path.write_bytes(HOSTILE[case][0])
    with pytest.raises(UserError) as caught:
        read_export(path)
    text = "".join(traceback.format_exception(caught.value))
    assert not leaks(text) and caught.value.__cause__ is None and caught.value.__context__ is None
    assert str(caught.value).startswith(f"{path}{HOSTILE[case][2]}")


def test_an_export_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.write(HEADER.encode())
        fh.truncate(4 * MAX_EXPORT_BYTES)  # sparse: nothing is written, nothing need be read
    with pytest.raises(UserError, match=r"big.csv: is 80.0 MB; hygiene reads exports of up to 20 MB"):
        read_export(big)


def test_a_pipe_is_read_only_up_to_the_size_limit(tmp_path):
    """A FIFO (`<(bw export ...)`) has no size to check first: reading stops at the bound."""
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)

    def feed():
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as fh:
            fh.write(b'{"items": [')
            chunk = b" " * (1024 * 1024)
            for _ in range(MAX_EXPORT_BYTES // len(chunk) + 2):
                fh.write(chunk)

    # hygiene does not wait for a pipe's writer (an unopened FIFO reads as empty), so one is
    # present before it reads: this descriptor holds the pipe open for writing throughout.
    holder = os.open(fifo, os.O_RDWR)
    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        with pytest.raises(UserError, match=r"export.json: is over 20 MB; hygiene reads exports of up to 20 MB"):
            read_export(fifo)
    finally:
        os.close(holder)
    writer.join(10)


def test_reading_an_export_costs_a_few_times_its_size(tmp_path):
    """It cost 9 times: the bytes, the text, and io.StringIO's copy at 4 bytes a character."""
    path = tmp_path / "vault.csv"
    header = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n"
    rows = (
        f"Work,,login,Site {i},,,0,https://site{i}.example.com/login,user{i}@example.com,pw-{i:08d}-x,\n"
        for i in range(40_000)
    )
    path.write_text(header + "".join(rows))
    size = path.stat().st_size
    tracemalloc.start()
    try:
        _, read = read_export(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(read) == 40_000 and peak < 4 * size, f"peak {peak / size:.1f} x the file size"


def test_long_fields_are_cut_for_display_and_the_password_is_kept_whole(tmp_path):
    path = tmp_path / "long.csv"
    long_password = "x" * 100_000
    path.write_text(f"{HEADER}{'T' * 100_000},https://{'a.' * 50_000}example,{'u' * 100_000},{long_password}\n")
    (entry,) = read_export(path)[1]
    assert len(entry.title) == len(entry.site) == len(entry.username) == MAX_SHOWN and entry.title.endswith("…")
    assert entry.password == long_password


def test_exit_codes_summary_and_reminder(tmp_path):
    r = runner.invoke(app, ["password", "audit", str(EXPORTS / "chrome.csv"), "-f", "json"])
    assert r.exit_code == 1  # password1 is weak
    doc = json.loads(r.stdout)
    assert doc["summary"]["weak"] == 1 and doc["health"] == 50 and doc["breach_checked"] is False
    assert "plaintext copy of every password" in r.stderr and "shred -u" in r.stderr
    strong = tmp_path / "strong.csv"
    strong.write_text(f"name,url,username,password\nmail,https://m.example,me,{SECRET}\n")
    assert runner.invoke(app, ["password", "audit", str(strong)]).exit_code == 0


def test_redact_hides_usernames():
    doc = json.loads(
        runner.invoke(app, ["password", "audit", str(EXPORTS / "chrome.csv"), "-f", "json", "--redact"]).stdout
    )
    assert all(p["username"].endswith("•••") for p in doc["problems"])
    assert "amina" not in json.dumps(doc["problems"])


def test_online_and_offline_together_is_refused(tmp_path):
    r = runner.invoke(
        app, ["password", "audit", str(EXPORTS / "chrome.csv"), "--online", "--pwned-file", str(tmp_path / "x")]
    )
    assert r.exit_code == 2 and "either --online or --pwned-file" in r.stderr


def test_missing_export():
    r = runner.invoke(app, ["password", "audit", str(Path("/nonexistent/export.csv"))])
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_audit_vault_feeds_pwd006_and_never_prints_a_password(tmp_path):
    snap = tmp_path / "snap.json"
    from tests.helpers import snapshot_doc

    snap.write_text(json.dumps(snapshot_doc()))
    r = runner.invoke(
        app,
        ["audit", "--snapshot", str(snap), "--only", "PWD-006", "--vault", str(EXPORTS / "chrome.csv"), "-f", "json"],
    )
    (finding,) = json.loads(r.stdout)["findings"]
    assert finding["status"] == "WARN" and finding["evidence"]["weak"] == 1 and finding["evidence"]["health"] == 50
    assert SECRET not in r.output and "plaintext copy of every password" in r.stderr


def test_utf8_bom_and_crlf_exports(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfname,url,username,password\r\nmail,https://m.example,me,password1\r\n")
    label, (entry,) = read_export(path)
    assert label == "Chrome / Edge / Brave CSV" and entry.password == "password1" and entry.line == 2
    path.write_bytes(b'name,url,username,password\r"two\rlines",https://m.example,me,password1\rb,c,d,e\r')  # old Mac
    assert [(e.line, e.title) for e in read_export(path)[1]] == [(2, "two\rlines"), (4, "b")]


def test_a_pwned_file_that_is_a_fifo_is_refused_at_once(tmp_path):
    import os

    from hygiene.passwords.breach import BreachCheckUnavailable, PwnedFile

    fifo = tmp_path / "pwned.txt"
    os.mkfifo(fifo)
    with pytest.raises(BreachCheckUnavailable, match="named pipe"):
        PwnedFile(fifo)


def test_an_export_that_is_a_waiting_fifo_or_a_kernel_file_ends_at_once(tmp_path):
    """A FIFO no one writes to reads as empty (it does not wait), /proc/kmsg is refused (reading
    it as root blocks and takes the system log's messages); a pipe that is written works."""
    import os
    import subprocess
    import sys
    import time

    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(UserError, match="is empty"):
        read_export(fifo)
    if os.path.exists("/proc/kmsg"):
        with pytest.raises(UserError, match="kernel file"):
            read_export(Path("/proc/kmsg"))
    assert time.monotonic() - started < 2
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"open({str(fifo)!r}, 'w').write('name,url,username,password\\nx,https://a.example,u,pw\\n')",
        ]
    )
    time.sleep(0.3)
    label, entries = read_export(fifo)
    writer.wait(5)
    assert label.startswith("Chrome") and len(entries) == 1


@pytest.mark.parametrize(
    ("url", "site"),
    [("smb://admin:NasPw88@", ""), ("http://admin:NasPw88@[192.168.1.1", "[192.168.1.1"), ("http://[::1", "[::1")],
)
def test_a_url_no_host_can_be_read_from_never_shows_its_login(url, site):
    from hygiene.passwords.exports import _site

    assert _site(url) == site and "NasPw88" not in _site(url)
