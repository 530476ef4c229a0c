"""Writes a profile as commented TOML: from the answers `hygiene init` collected, or as a
template with every key shown as an example (`hygiene init --defaults`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hygiene.profile.model import NEVER, Training

Answer = date | str | Training | None  # a date, NEVER, a scored training, or None: not said


@dataclass
class Answers:
    region: str | None = None
    region_guess: str | None = None  # from the locale: the commented example, when no region was given
    attest: dict[str, Answer] = field(default_factory=dict)
    accounts: list[tuple[str, str, bool]] = field(default_factory=list)  # service, method, critical
    backups: list[tuple[str, str, bool]] = field(default_factory=list)  # name, path or repository, offsite


def is_repository(where: str) -> bool:
    """ "sftp:nas:/restic", "b2:bucket", "user@host:repo" name a repository; "/mnt/backup",
    "D:\\Backups" or "~/backups" a path."""
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:(?!\\)|[\w.-]+@[\w.-]+:)", where)) and not re.match(
        r"^[A-Za-z]:[\\/]", where
    )


def _toml_string(text: str) -> str:
    """A TOML basic string; control characters (which TOML forbids raw) as \\uXXXX escapes."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in escaped) + '"'


def training_toml(training: Training) -> str:
    """training_completed with its score, as the inline table a profile holds."""
    via = f", via = {_toml_string(training.via)}" if training.via is not None else ""
    return f"{{ date = {training.day.isoformat()}, score = {training.score}, out_of = {training.out_of}{via} }}"


def _statement(key: str, value: Answer, example: str) -> str:
    if value is None:
        return f"# {key} = {example}"
    if value == NEVER:
        return f'{key} = "never"'
    if isinstance(value, Training):
        return f"{key} = {training_toml(value)}"
    return f"{key} = {value.isoformat() if isinstance(value, date) else value}"


def render_profile(answers: Answers, today: date) -> str:
    lines = _policy(answers, today) + _statements(answers) + _accounts(answers) + _backups(answers)
    return "\n".join(lines).rstrip() + "\n"


def _policy(answers: Answers, today: date) -> list[str]:
    return [
        "# hygiene profile: your own policy and dated statements.",
        f"# Written by `hygiene init` on {today}. Check it with `hygiene profile check FILE`.",
        "# `hygiene audit` reads it from your user config folder, or where --profile or $HYGIENE_PROFILE says.",
        '# Dates are written without quotes (2026-03-14); "never" is an honest answer.',
        "",
        "# Where you report cyber incidents: a two-letter ISO 3166 country code.",
        f"region = {_toml_string(answers.region)}"
        if answers.region
        else f'# region = "{answers.region_guess or "PK"}"',
        "",
        "# Exit 1 from `hygiene audit` when the score is below this (for scripts).",
        "# fail_under = 70",
        "",
        "# Change how much a check counts (critical 10, high 6, medium 3, low 1).",
        "# [weights]",
        "# ENC-001 = 10",
        "",
        "# Accept a risk on purpose: a reason and an end date are required.",
        "# [[waivers]]",
        '# check = "ENC-001"',
        '# reason = "Cloud server; the provider encrypts volumes at rest"',
        f"# expires = {today.year + 1}-06-30",
        "",
        "# Store every audit in your history (`hygiene history` shows the score over time),",
        "# keeping at most this many audits per machine, the oldest dropped first.",
        "# [history]",
        "# save = true",
        "# keep = 500",
        "",
    ]


def _statements(answers: Answers) -> list[str]:
    a = answers.attest
    return [
        "# What no command can see: when each thing last happened.",
        "[attest]",
        "# `hygiene learn` (ten minutes, English or Urdu) records the day with your score, as in",
        '# training_completed = { date = 2026-03-14, score = 13, out_of = 15, via = "hygiene learn" }',
        _statement("training_completed", a.get("training_completed"), "2026-03-14"),
        _statement("incident_reporting_known", a.get("incident_reporting_known"), "2026-03-14"),
        _statement("incident_plan", a.get("incident_plan"), "2026-03-14"),
        _statement("restore_tested", a.get("restore_tested"), "2026-03-14"),
        _statement("offsite_copy", a.get("offsite_copy"), "2026-03-14"),
        _statement("password_manager", a.get("password_manager"), "2026-03-14"),
        "# When this machine was enrolled in extended security support (Ubuntu Pro, free for personal use;",
        "# Windows ESU; SUSE LTSS; Red Hat EUS or ELS; Debian ELTS), or you last confirmed it is: UPD-005",
        "# then passes a release past its standard support until the extension ends, and warns once this",
        "# date is over a year old (confirm the enrolment and update the date).",
        _statement("extended_support", a.get("extended_support"), "2026-03-14"),
        "",
    ]


def _accounts(answers: Answers) -> list[str]:
    lines = [
        "# Your important accounts and how you sign in to them.",
        "# method: none, sms, email, app, totp, push, pin, passkey or security_key.",
    ]
    if not answers.accounts:
        lines += ["# [[accounts]]", '# service = "gmail"', '# method = "passkey"', "# critical = true"]
    for service, method, critical in answers.accounts:
        lines += [
            "[[accounts]]",
            f"service = {_toml_string(service)}",
            f"method = {_toml_string(method)}",
            f"critical = {'true' if critical else 'false'}",
            "",
        ]
    return lines


def _backups(answers: Answers) -> list[str]:
    lines = ["", "# Backups hygiene should know about (a folder, a file or a repository)."]
    if not answers.backups:
        lines += ["# [[backups]]", '# name = "office NAS"', '# repository = "sftp:backup@nas.local:/srv/restic"',
                  "# offsite = false"]  # fmt: skip
    for name, where, offsite in answers.backups:
        key = "repository" if is_repository(where) else "path"
        lines += [
            "[[backups]]",
            f"name = {_toml_string(name)}",
            f"{key} = {_toml_string(where)}",
            f"offsite = {'true' if offsite else 'false'}",
            "",
        ]
    return lines
