"""`hygiene password audit`: every export format, breaches online and offline, and no
password anywhere in what it prints, writes or raises."""

import http.server
import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.errors import UserError
from hygiene.passwords import breach as breach_mod
from hygiene.passwords.breach import BreachCheckUnavailable, PwnedFile, PwnedRange, sha1_hex
from hygiene.passwords.exports import Entry, read_export
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
        (b"site,login,secret\nexample,me,pw\n", ":1: unknown export layout (header: site, login, secret)"),
        (b"name,url,username,password\nmail,https://x,me\n", ":2: has 3 columns, the header has 4"),
        (b'name,url,username,password\n"unterminated,https://x,me,pw\n', ""),
        (b"name,url,username,password\n\xff\xfe\xfa,x,y,z\n", ":2: not UTF-8 text"),
        (b'{"encrypted": true, "items": []}', "is an encrypted Bitwarden export"),
        (b'{"items": [}', ":1: not valid JSON"),
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


def test_source_override_and_unknown_source(tmp_path):
    assert read_export(EXPORTS / "apple.csv", "apple")[0] == "Apple Passwords / Safari CSV"
    with pytest.raises(UserError, match="needs the columns"):
        read_export(EXPORTS / "chrome.csv", "keepassxc")
    with pytest.raises(UserError, match="choose one of: bitwarden"):
        read_export(EXPORTS / "chrome.csv", "dashlane")


# --- the vault -------------------------------------------------------------------------------


def entries(*passwords, totp=False):
    return [Entry(i + 2, f"site {i}", f"s{i}.example", f"user{i}", p, totp) for i, p in enumerate(passwords)]


def test_reuse_weakness_and_health():
    report = audit_vault("test", entries(SECRET, "password1", SECRET, "vN7#qL2$", "lantern-orbit-velvet-cactus-harbor"))
    by_line = {e.line: e for e in report.entries}
    assert by_line[2].reused_with == (4,) and by_line[4].reused_with == (2,)
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
