"""Every command as a newcomer sees it in an 80-column terminal: nothing cut, help that reads as
sentences, and colour only where it is wanted (NO_COLOR, TERM=dumb, --color/--no-color)."""

import csv
import io
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import hygiene
from hygiene.cli.app import app
from hygiene.data.demos import list_demos
from hygiene.registry import CHECKS

ELLIPSIS = "\u2026"
ESC = "\x1b["
DEMOS = sorted(d.name for d in list_demos())
URI = "otpauth://totp/ACME%20Co:amina@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME%20Co"


def at(columns: int, *args: str, stdin: str | None = None):
    """Run hygiene as if in a terminal `columns` wide (through a pipe: no colour unless asked)."""
    env = {"COLUMNS": str(columns), "NO_COLOR": None, "TERM": "xterm"}
    return CliRunner().invoke(app, list(args), input=stdin, env=env, catch_exceptions=False)


def squash(text: str) -> str:
    return "".join(text.split())


def assert_fits(out: str, width: int) -> None:
    too_long = [line for line in out.splitlines() if len(line) > width]
    assert not too_long and ELLIPSIS not in out, too_long


@pytest.fixture
def tar_backup(tmp_path):
    path = tmp_path / ("a-backup-folder-with-a-rather-long-name-" * 2) / "home.tar"
    path.parent.mkdir()
    with tarfile.open(path, "w") as tar:
        data = b"notes\n"
        info = tarfile.TarInfo("home/notes.txt")
        info.size, info.mtime = len(data), time.time() - 3600
        tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def vault(tmp_path):
    """A Bitwarden CSV whose sites offer a second factor the export stores no code for."""
    path = tmp_path / "vault.csv"
    header = ["folder", "favorite", "type", "name", "notes", "fields", "reprompt", "login_uri", "login_username"]
    header += ["login_password", "login_totp"]
    rows = [
        ("Microsoft account for the whole family office", "https://login.microsoftonline.com/", "Tr0ub4dor&3x!"),
        ("GitHub", "https://github.com/login", "correct horse battery staple"),
        ("Dropbox", "https://www.dropbox.com/login", "kjhKJH87^&*jhgJHGa"),
    ]
    with path.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for name, uri, password in rows:
            out.writerow(["", "", "login", name, "", "", "0", uri, "amina.khan@example.com", password, ""])
    return path


@pytest.mark.parametrize("name", DEMOS)
def test_every_demo_audit_at_80_columns(name):
    r = at(80, "audit", "--demo", name, "--no-progress")
    assert r.exit_code == 0 and "Fix these first" in r.stdout
    assert_fits(r.stdout, 80)


def test_demo_list_at_80_and_40_columns():
    for width in (80, 40):
        r = at(width, "demo", "list")
        assert r.exit_code == 0
        assert_fits(r.stdout, width)
        for d in list_demos():
            assert squash(f"{d.name} ({d.platform}): {d.title}{d.description}") in squash(r.stdout)
            assert f"{d.title}: {d.description}" not in r.stdout  # "A MacBook: A consultant's MacBook"


def test_checks_at_80_columns_show_every_title_whole():
    r = at(80, "checks")
    assert_fits(r.stdout, 80)
    assert all(squash(c.meta.title) in squash(r.stdout) for c in CHECKS)


def test_explain_at_80_columns_keeps_the_update_setting_whole():
    r = at(80, "explain", "UPD-003")
    assert_fits(r.stdout, 80)
    assert "`sudo dpkg-reconfigure -plow unattended-upgrades`" in r.stdout


def test_backup_verify_at_80_and_40_columns(tar_backup):
    for width in (80, 40):
        r = at(width, "backup", "verify", str(tar_backup))
        assert r.exit_code == 1
        assert_fits(r.stdout, width)
        assert str(tar_backup) in "".join(r.stdout.splitlines())  # a path is folded, never cut
        assert squash("anyone who gets a copy can read it") in squash(r.stdout)


def test_password_check_demo_at_80_columns():
    r = at(80, "password", "check", "--demo")
    assert r.exit_code == 0
    assert_fits(r.stdout, 80)


def test_password_check_demo_breaks_an_example_at_its_own_hyphens():
    """At 80 columns an example wider than its column is broken after its hyphens
    ('lantern-', 'orbit-velvet-', 'cactus-harbor'), never mid-word ('cactu', 's-harbor')."""
    example = "lantern-orbit-velvet-cactus-harbor"
    cells = [line.split("│")[1].strip() for line in at(80, "password", "check", "--demo").stdout.splitlines()
             if line.startswith("│")]  # fmt: skip
    start = next(n for n, cell in enumerate(cells) if example.startswith(cell) and cell)
    pieces = []
    while "".join(pieces) != example:
        pieces.append(cells[start + len(pieces)])
    assert all(piece.endswith("-") for piece in pieces[:-1]), pieces


def test_password_audit_at_80_columns_keeps_each_link_on_one_line(vault):
    r = at(80, "password", "audit", str(vault))
    assert_fits(r.stdout, 80)
    for link in ("https://account.microsoft.com/security", "https://github.com/settings/security"):
        assert link in r.stdout
    r = at(40, "password", "audit", str(vault))
    assert_fits(r.stdout, 40)


def test_mfa_accounts_and_inspect_at_80_columns():
    r = at(80, "mfa", "accounts", "--demo", "small-office-ubuntu-server")
    assert r.exit_code == 0
    assert_fits(r.stdout, 80)
    r = at(40, "mfa", "inspect", stdin=URI + "\n")
    assert r.exit_code == 0
    assert_fits(r.stdout, 40)
    assert "amina@example.com" in r.stdout


def test_init_says_where_it_wrote_at_the_terminal_width(tmp_path):
    path = Path("a-folder-with-a-rather-long-name") / "hygiene.toml"  # tests run in tmp_path
    path.parent.mkdir()
    r = at(80, "init", "--defaults", "-o", str(path))
    assert r.exit_code == 0
    assert_fits(r.stdout, 80)
    assert f"`hygiene profile check {path}`" in r.stdout  # the command on one line, to copy


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
def test_through_a_pipe_the_report_fits_the_terminal_it_is_read_in():
    """`hygiene audit | less` in an 80-column terminal: standard output is a pipe, but standard
    error is the terminal, and its width is the one the reader sees."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environ["PYTHONPATH"] = str(Path(hygiene.__file__).resolve().parents[1])
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "hygiene", "audit", "--demo", "small-office-ubuntu-server", "--no-progress"],
            stdout=subprocess.PIPE, stderr=slave, env=environ, timeout=60, check=False,
        )  # fmt: skip
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 0
    assert_fits(proc.stdout.decode("utf-8"), 80)


# Help


def commands(group=None, path=()):
    """Every command and group of the app, as the words that name it."""
    group = group or typer.main.get_command(app)
    yield path, group
    for name, command in getattr(group, "commands", {}).items():
        yield from commands(command, (*path, name))


COMMANDS = list(commands())
HELP_WIDTH = 80 - 2  # Typer pads the description by one column each side


def description(out: str) -> list[str]:
    """The lines of a --help between the usage line and the first panel."""
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if "Usage:" in line) + 1
    end = next((n for n, line in enumerate(lines) if line.startswith("╭")), len(lines))
    return [line[1:].rstrip() for line in lines[start:end]]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "hygiene" for p, _ in COMMANDS])
def test_every_help_reads_as_sentences_at_80_columns(path, command):
    r = at(80, *path, "--help")
    assert r.exit_code == 0
    out = r.stdout
    assert_fits(out, 80)
    assert "[]" not in out and "[/" not in out and "()" not in out  # no markup eaten or left over
    for paragraph in (command.help or "").split("\n\n"):  # each paragraph whole, in order
        assert squash(paragraph.replace("`", "")) in squash(out), paragraph
    lines = description(out)
    for line, after in zip(lines, lines[1:], strict=False):  # no line ends before it has to
        if line and after:
            assert len(line) + 1 + len(after.split()[0]) > HELP_WIDTH, (line, after)


def test_mfa_accounts_help_names_the_profile_table():
    assert "([[accounts]])" in at(80, "mfa", "accounts", "--help").stdout


# Colour


def on_a_terminal(args: tuple[str, ...], stream: str, environ: dict[str, str], columns: int = 0) -> tuple[int, str]:
    """hygiene's exit code and what it wrote to `stream` ("stdout" or "stderr") when that stream
    is a pseudo-terminal (`columns` wide, if given); the other stream goes nowhere."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    if columns:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    environ = {**environ, "PYTHONPATH": str(Path(hygiene.__file__).resolve().parents[1])}  # this checkout
    to = {name: slave if name == stream else subprocess.DEVNULL for name in ("stdout", "stderr")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "hygiene", *args], stdin=subprocess.DEVNULL, **to, env=environ
    )  # fmt: skip
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: hygiene has ended and closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=60), out.decode("utf-8").replace("\r\n", "\n")


def in_a_terminal(*args: str, **env: str) -> str:
    """hygiene's output when standard output is a terminal 100 columns wide."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    code, out = on_a_terminal(args, "stdout", {**environ, "COLUMNS": "100", "TERM": "xterm-256color", **env})
    assert code == 0
    return out


AUDIT = ("audit", "--demo", "well-kept-debian-laptop", "--no-progress")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
def test_a_terminal_gets_colour_unless_no_color_term_dumb_or_no_color_says_otherwise():
    assert ESC in in_a_terminal(*AUDIT)
    assert ESC not in in_a_terminal(*AUDIT, NO_COLOR="1")
    assert ESC not in in_a_terminal(*AUDIT, TERM="dumb")
    assert ESC not in in_a_terminal("--no-color", *AUDIT)
    assert ESC not in in_a_terminal("--no-color", "checks")


@pytest.mark.parametrize("args", [AUDIT, ("checks",), ("explain", "ENC-001"), ("password", "check", "--demo")])
def test_color_forces_colour_through_a_pipe_and_only_for_that_run(args):
    assert ESC not in at(100, *args).stdout
    assert ESC in at(100, "--color", *args).stdout
    assert ESC not in at(100, *args).stdout  # the choice was that run's


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
@pytest.mark.parametrize("help_args", [("audit", "--help"), ("--help",)])
def test_no_color_reaches_typers_help_too(help_args):
    assert ESC in in_a_terminal(*help_args)
    assert ESC not in in_a_terminal("--no-color", *help_args)


def test_color_reaches_typers_help_through_a_pipe_for_that_run_only():
    assert ESC in at(100, "--color", "audit", "--help").stdout
    assert ESC not in at(100, "audit", "--help").stdout


def test_color_wins_over_no_color_and_term_dumb():
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    r = CliRunner().invoke(app, ["--color", *AUDIT], env=env)
    assert ESC in r.stdout


def under_its_text(out: str, first: str) -> bool:
    """Whether the list item starting with `first` (a wrapped one) goes on under its text, two
    columns right of its dash."""
    lines = out.splitlines()
    n = next(n for n, line in enumerate(lines) if line.lstrip().startswith(first))
    dash = len(lines[n]) - len(lines[n].lstrip())
    after = lines[n + 1]
    return len(after) - len(after.lstrip()) == dash + 2 and not after.lstrip().startswith("- ")


def test_a_list_item_wraps_under_its_text_not_under_its_dash():
    """A hanging indent: '- Use a passphrase ... pick' goes on with '  them)', not with 'them)'
    at the left edge, in password check's advice, explain's references and init's contacts."""
    assert under_its_text(at(60, "password", "check", "--stdin", stdin="Tr0ub4dor&3\n").stdout, "- Use a passphrase")
    assert under_its_text(at(50, "explain", "PWD-002").stdout, "- NIST SP 800-63B section 3.1.1.2")
    init = at(60, "init", "-o", "profile.toml", stdin="\n" * 7 + "n\n\n")
    assert init.exit_code == 0 and under_its_text(init.stdout, "- Your local or national police")


def stderr_in_a_terminal(columns: int, *args: str) -> tuple[int, str]:
    """hygiene's exit code and standard error when standard error is a terminal `columns` wide."""
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return on_a_terminal(args, "stderr", environ, columns)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
def test_an_error_is_wrapped_at_the_terminal_width_between_words():
    """The terminal would break a long error mid-word ('A\\nWR-003'); it is wrapped at spaces."""
    code, err = stderr_in_a_terminal(60, "audit", "--only", "XYZ-001")
    assert code == 2
    assert_fits(err, 60)
    assert all(c.meta.id in err.split() or f"{c.meta.id}," in err.split() for c in CHECKS), err
    assert all(line.startswith("  ") for line in err.splitlines()[1:]), err  # going on, two columns in


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
def test_each_mistake_of_a_profile_starts_a_line_and_its_rest_is_indented(tmp_path):
    profile = tmp_path / "hygiene.toml"
    profile.write_text('region = "XX"\nfail_under = 200\n')
    code, err = stderr_in_a_terminal(60, "profile", "check", profile.name)  # tests run in tmp_path
    assert code == 2
    assert_fits(err, 60)
    starts = [line for line in err.splitlines() if not line.startswith("  ")]
    assert len(starts) == 2 and starts[1].startswith(f"{profile.name}:2: fail_under"), err


def test_hygiene_help_ends_with_the_exit_codes():
    """A script writer's first question, answered where a newcomer looks first."""
    from hygiene.cli.common import EXIT_BAD_INPUT, EXIT_BELOW_POLICY, EXIT_CRASH, EXIT_INTERRUPTED

    out = at(80, "--help").stdout
    assert_fits(out, 80)
    said = squash(out[out.index("Exit codes:") :])
    for code in (0, EXIT_BELOW_POLICY, EXIT_BAD_INPUT, EXIT_CRASH, EXIT_INTERRUPTED):
        assert f"{code}" in said
    assert squash("3 an internal error") in said and squash("README") in said
