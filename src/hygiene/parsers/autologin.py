"""Parses who a Linux machine logs in by itself: GDM's custom.conf (daemon.conf on Debian),
LightDM's and SDDM's configuration files and systemd getty drop-ins (`agetty --autologin`).

Each function takes the files as (path, text) in the order the tool reads them, so a later
file overrides an earlier one, as in the tool itself."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers.keyfile import Setting, keyfile_bool, parse_keyfile

Files = list[tuple[str, str]]
NAMING_KEYS = ("automaticlogin", "timedlogin", "autologin-user")  # GDM's and LightDM's; SDDM's is [Autologin] User


@dataclass(frozen=True)
class AutoLoginSetting:
    user: str | None  # who is logged in by itself; None: nobody
    path: str = ""  # the file that said so (or that turned it off), "" when none did
    line: str = ""  # the settings that decided, as evidence


def _merged(files: Files, sections: tuple[str, ...]) -> dict[tuple[str, str], tuple[str, Setting]]:
    """The last value of each (section, key) in the given sections, lower-cased, with its file."""
    found: dict[tuple[str, str], tuple[str, Setting]] = {}
    for path, text in files:
        for s in parse_keyfile(text):
            if s.section.lower() in sections:
                found[(s.section.lower(), s.key.lower())] = (path, s)
    return found


def _user(value: str) -> str | None:
    name = value.strip().strip("\"'")[:64]
    return name or None


def gdm_autologin(files: Files) -> AutoLoginSetting:
    """[daemon] AutomaticLoginEnable + AutomaticLogin, or TimedLoginEnable + TimedLogin (the
    user is logged in after TimedLoginDelay seconds at the greeter)."""
    found = _merged(files, ("daemon",))
    off = AutoLoginSetting(None)
    for enable, name in (("automaticloginenable", "automaticlogin"), ("timedloginenable", "timedlogin")):
        if (enable_at := found.get(("daemon", enable))) is None:
            continue
        path, switch = enable_at
        user_at = found.get(("daemon", name))
        shown = [switch.line()] + ([user_at[1].line()] if user_at else [])
        if enable == "timedloginenable" and (delay := found.get(("daemon", "timedlogindelay"))):
            shown.append(delay[1].line())
        user = _user(user_at[1].value) if user_at and keyfile_bool(switch.value) else None
        if user:
            return AutoLoginSetting(user, path, ", ".join(shown)[:200])
        off = off if off.path else AutoLoginSetting(None, path, ", ".join(shown)[:200])
    return off


def lightdm_autologin(files: Files) -> AutoLoginSetting:
    """[Seat:*] (or the older [SeatDefaults]) autologin-user, overridden for the first seat by
    [Seat:seat0]; autologin-guest=true logs a guest account in."""
    found = _merged(files, ("seatdefaults", "seat:*", "seat:seat0"))

    def value(key: str) -> tuple[str, Setting] | None:
        generic = [found.get((section, key)) for section in ("seatdefaults", "seat:*")]
        return found.get(("seat:seat0", key)) or next((g for g in reversed(generic) if g), None)

    user_at, guest_at = value("autologin-user"), value("autologin-guest")
    if user_at and _user(user_at[1].value):
        return AutoLoginSetting(_user(user_at[1].value), user_at[0], user_at[1].line()[:200])
    if guest_at and keyfile_bool(guest_at[1].value):
        return AutoLoginSetting("a guest account", guest_at[0], guest_at[1].line()[:200])
    if user_at:  # set, but empty: turned off here
        return AutoLoginSetting(None, user_at[0], user_at[1].line()[:200])
    return AutoLoginSetting(None)


def sddm_autologin(files: Files) -> AutoLoginSetting:
    """[Autologin] User= (empty: nobody)."""
    user_at = _merged(files, ("autologin",)).get(("autologin", "user"))
    if user_at is None:
        return AutoLoginSetting(None)
    path, setting = user_at
    return AutoLoginSetting(_user(setting.value), path, setting.line()[:200])


def getty_autologin(files: Files) -> AutoLoginSetting:
    """systemd getty drop-ins (getty@tty1.service.d/*.conf): per unit (the folder's name, so
    getty@tty1 in /etc and /run is one unit, and serial-getty@ttyS0 another), the ExecStart
    that stands last (an empty `ExecStart=` clears the ones before it) and its `--autologin
    USER` (`-a USER`). One unit that logs someone in is enough: an override of another getty
    does not change it."""
    last: dict[str, tuple[str, Setting] | None] = {}
    for path, text in files:
        unit = _unit(path)
        for s in parse_keyfile(text):
            if s.section.lower() == "service" and s.key.lower() == "execstart":
                last[unit] = (path, s) if s.value else None
    for found in last.values():
        if found is not None and (user := _agetty_user(found[1].value)):
            return AutoLoginSetting(user, found[0], found[1].line()[:200])
    return AutoLoginSetting(None)


def _unit(path: str) -> str:
    """The unit a drop-in belongs to: its folder's name when that is `<unit>.service.d`."""
    parts = path.rsplit("/", 2)
    folder = parts[-2] if len(parts) == 3 else ""
    return folder if folder.endswith(".service.d") else ""


def _agetty_user(command: str) -> str | None:
    words = command.split()
    user = None
    for i, word in enumerate(words):
        if word.startswith("--autologin="):
            user = _user(word.partition("=")[2])
        elif word in ("--autologin", "-a") and i + 1 < len(words):
            user = _user(words[i + 1])
    return user


def named_accounts(text: str) -> list[str]:
    """Every account a display manager file or getty drop-in names for automatic login, on or
    off: people, whose names `--redact` replaces."""
    names = []
    for s in parse_keyfile(text):
        key = s.key.lower()
        if key in NAMING_KEYS or (key, s.section.lower()) == ("user", "autologin"):
            name = _user(s.value)
        elif key == "execstart":
            name = _agetty_user(s.value)
        else:
            continue
        if name:
            names.append(name)
    return names
