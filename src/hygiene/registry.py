"""The explicit list of every check, validated when imported, and selection by the user's options."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hygiene.checks import (
    awareness,
    backups,
    device,
    encryption,
    mfa,
    passwords,
    updates,
)
from hygiene.checks.base import Check
from hygiene.errors import UserError
from hygiene.model import FAMILY_LABELS, Category

CHECKS: tuple[Check, ...] = (
    passwords.min_length,
    passwords.no_rotation_or_composition,
    passwords.failed_logins_limited,
    passwords.password_manager,
    passwords.no_empty_passwords,
    passwords.vault_healthy,
    updates.no_pending_security_updates,
    updates.updated_recently,
    updates.automatic_updates,
    updates.no_pending_reboot,
    updates.release_supported,
    encryption.system_disk_encrypted,
    encryption.swap_encrypted,
    encryption.data_volumes_encrypted,
    mfa.ssh_refuses_passwords,
    mfa.ssh_keys_protected,
    mfa.local_second_factor,
    mfa.clock_synchronised,
    mfa.accounts_have_mfa,
    backups.backup_configured,
    backups.backup_recent,
    backups.backup_encrypted,
    backups.backup_offsite,
    backups.restore_tested,
    awareness.training_recent,
    awareness.knows_where_to_report,
    awareness.incident_plan,
    device.firewall_on,
    device.screen_locks,
    device.no_autologin,
    device.malware_protection,
    device.everyday_account_not_admin,
)

PREFIXES = {
    Category.PASSWORDS: "PWD",
    Category.MFA: "MFA",
    Category.UPDATES: "UPD",
    Category.ENCRYPTION: "ENC",
    Category.BACKUPS: "BAK",
    Category.AWARENESS: "AWR",
    Category.DEVICE: "DEV",
}
ID_FORMAT = re.compile(r"^(PWD|MFA|UPD|ENC|BAK|AWR|DEV)-\d{3}$")


def validate(checks: Iterable[Check]) -> None:
    """Fail loudly at import on a malformed catalogue: ids are what users quote in tickets."""
    seen: set[str] = set()
    for c in checks:
        m = c.meta
        if not ID_FORMAT.match(m.id) or not m.id.startswith(PREFIXES[m.category]):
            raise RuntimeError(f"check id {m.id!r} is malformed or does not match its category {m.category.value}")
        if m.id in seen:
            raise RuntimeError(f"check id {m.id} is used twice")
        missing = [p.value for p in m.platforms if not m.remediation.get(p)]
        if missing:
            raise RuntimeError(f"{m.id} has no remediation for {', '.join(missing)}")
        unknown_families = set(m.family_remediation) - set(FAMILY_LABELS)
        if unknown_families:
            raise RuntimeError(f"{m.id} has remediation for unknown families {sorted(unknown_families)}")
        seen.add(m.id)


validate(CHECKS)
BY_ID = {c.meta.id: c for c in CHECKS}


def find_check(check_id: str) -> Check:
    key = check_id.strip().upper()
    if key in BY_ID:
        return BY_ID[key]
    import difflib  # only needed for the hint

    close = difflib.get_close_matches(key, BY_ID, n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise UserError(f"no check has the id {check_id!r}.{hint} `hygiene checks` lists them all.")


def _ids(values: Iterable[str], option: str) -> set[str]:
    ids = {v.strip().upper() for raw in values for v in raw.split(",") if v.strip()}
    unknown = sorted(ids - BY_ID.keys())
    if unknown:
        raise UserError(f"{option}: unknown check id {', '.join(unknown)}; valid ids: {', '.join(sorted(BY_ID))}")
    return ids


def select_checks(
    categories: Iterable[str] = (), only: Iterable[str] = (), skip: Iterable[str] = ()
) -> tuple[Check, ...]:
    """The checks the user asked for, in catalogue order; bad names, and a choice that leaves
    no check to run (an empty report would read as a clean bill of health), are a UserError."""
    wanted_categories = set()
    for raw in categories:
        for name in raw.split(","):
            try:
                wanted_categories.add(Category(name.strip().lower()))
            except ValueError:
                valid = ", ".join(c.value for c in Category)
                raise UserError(f"--category: unknown category {name!r}; valid categories: {valid}") from None
    only_ids, skip_ids = _ids(only, "--only"), _ids(skip, "--skip")
    chosen = [
        c
        for c in CHECKS
        if (not wanted_categories or c.meta.category in wanted_categories) and (not only_ids or c.meta.id in only_ids)
    ]
    if not chosen:  # only --only and --category together can choose nothing
        categories = ", ".join(sorted(c.value for c in wanted_categories))
        raise UserError(
            f"no check is left to run: none of --only {', '.join(sorted(only_ids))} is in --category {categories}"
        )
    left = tuple(c for c in chosen if c.meta.id not in skip_ids)
    if not left:
        by = " and ".join(o for o, given in (("--only", only_ids), ("--category", wanted_categories)) if given)
        what = f"every check that {by} chose" if by else "every check"
        raise UserError(f"no check is left to run: --skip {', '.join(sorted(skip_ids))} leaves out {what}")
    return left
