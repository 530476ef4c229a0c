"""Parses who an account is and what sudo lets it do on Linux: /proc/self/loginuid, a
`getent passwd` line, and `sudo -n -l` (`id` is parsers/id.py, shared with macOS)."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt, number

NO_LOGIN_UID = 4294967295  # (uid_t)-1: the kernel recorded no login for this process


def parse_loginuid(text: str) -> int | None:
    """/proc/self/loginuid: the user who logged in to this session, kept across sudo and su;
    None when the kernel recorded no login (a container, a service, a system without PAM's
    pam_loginuid)."""
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit():
        raise ParseError(f"/proc/self/loginuid holds no number: {excerpt(text)}")
    uid = number(digits, "loginuid")
    return None if uid == NO_LOGIN_UID else uid


def parse_passwd_entry(text: str) -> str:
    """A `getent passwd UID` line: the account's name."""
    fields = text.strip().split(":")
    if len(fields) != 7 or not fields[0]:
        raise ParseError(f"getent printed no passwd line: {excerpt(text)}")
    return fields[0][:64]


# --- sudo -n -l -----------------------------------------------------------------------------

ROOT_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "mksh", "fish", "csh", "tcsh", "su"})
PASSWORD_NEEDED = ("a password is required", "interactive authentication is required")
NOT_ALLOWED = ("not allowed to run sudo", "may not run sudo")


@dataclass(frozen=True)
class SudoRights:
    answer: str  # "listed", "denied" (may run nothing), "password" (sudo would not say without one)
    anything: bool = False  # may run any command, or a shell, as root
    passwordless: bool = False  # ... without typing a password
    line: str = ""  # what decided, as evidence
    because: str = ""  # what spares the password: "NOPASSWD" or "!authenticate" (a Default)


def parse_sudo_list(stdout: str, stderr: str) -> SudoRights:
    """`sudo -n -l` (or, as root, `sudo -n -l -U USER`). sudo lists a user's rights without a
    password only when one of them is NOPASSWD (its default `listpw=any`), so "a password is
    required" says the user has no NOPASSWD rule, not whether they may use sudo at all."""
    said = f"{stdout}\n{stderr}"
    if "may run the following commands" in stdout:
        return _listing(stdout)
    for words in NOT_ALLOWED:
        if words in said:
            return SudoRights("denied", line=_line_with(said, words))
    for words in PASSWORD_NEEDED:
        if words in stderr:
            return SudoRights("password", line=_line_with(stderr, words))
    raise ParseError(f"`sudo -n -l` said something unexpected: {excerpt(stderr.strip() or stdout)}")


def _line_with(text: str, words: str) -> str:
    return next(ln.strip() for ln in text.splitlines() if words in ln)[:200]


def _listing(text: str) -> SudoRights:
    no_authentication = any(line.strip() == "!authenticate" for line in text.splitlines())
    entries: list[str] = []
    inside = False
    for line in text.splitlines():
        if line and not line[0].isspace():
            inside = "may run the following commands" in line
        elif inside and line.strip().startswith("("):
            entries.append(line.strip())
        elif inside and line.strip() and entries:  # a long entry wrapped onto the next line
            entries[-1] += " " + line.strip()
    if not entries:  # sudo prints the heading only above its entries: this answer was cut short
        raise ParseError(f"`sudo -n -l` listed no command under its heading: {excerpt(text)}")
    anything = free = ""
    for entry in entries:
        for spec, nopasswd in _commands(entry):
            if _root_equivalent(spec):
                anything = anything or entry
                if nopasswd or no_authentication:
                    free = free or entry
    decided = free or anything or (entries[0] if entries else "")
    because = "" if not free else "!authenticate" if no_authentication else "NOPASSWD"
    return SudoRights("listed", bool(anything), bool(free), decided[:200], because)


def _commands(entry: str) -> list[tuple[str, bool]]:
    """`(ALL : ALL) NOPASSWD: /bin/ls, PASSWD: ALL` as [("/bin/ls", True), ("ALL", False)]
    when its runas includes root; a tag holds for the commands after it in the entry."""
    runas, specs = _specs(entry)
    users = runas.split(":", 1)[0]
    if not any(u.strip() in ("ALL", "root") for u in users.split(",")):
        return []
    found, nopasswd = [], False
    for tags, command, _ in specs:
        for tag in tags:
            nopasswd = True if tag == "NOPASSWD" else False if tag == "PASSWD" else nopasswd
        if command:
            found.append((command, nopasswd))
    return found


def _specs(entry: str) -> tuple[str, list[tuple[list[str], str, bool]]]:
    """An entry's runas and, per comma-separated command, its tags (NOPASSWD:, SETENV:, also
    written without a space), the command (without CWD=, ROLE= options) and whether arguments
    follow it: `(root) NOPASSWD: /bin/ls -l` as ("root", [(["NOPASSWD"], "/bin/ls", True)])."""
    runas, _, rest = entry[1:].partition(")") if entry.startswith("(") else ("", "", entry)
    specs = []
    for spec in rest.split(","):
        words, tags = spec.split(), []
        while words:
            tag, colon, command = words[0].partition(":")
            if colon and tag.replace("_", "").isalpha() and tag.isupper():
                tags.append(tag)
                words[:1] = [command] if command else []
            elif "=" in words[0]:
                words.pop(0)
            else:
                break
        specs.append((tags, words[0] if words else "", len(words) > 1))
    return runas, specs


def sudo_entry_kept(entry: str) -> str:
    """An entry as a snapshot keeps it: as it is when its commands have no arguments, else its
    runas, tags and commands, each command's arguments (which may carry a password:
    `mysqldump -pS3cret`) shown as "…"."""
    runas, specs = _specs(entry)
    if not any(more for _, _, more in specs):
        return entry
    shown = [
        " ".join([*(f"{tag}:" for tag in tags), *([command + (" …" if more else "")] if command else [])])
        for tags, command, more in specs
    ]
    return (f"({runas}) " if entry.startswith("(") else "") + ", ".join(s for s in shown if s)


def _root_equivalent(command: str) -> bool:
    return command == "ALL" or command.rsplit("/", 1)[-1] in ROOT_SHELLS
