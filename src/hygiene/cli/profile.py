"""`hygiene profile show|check`: which profile is in use, and is it valid?"""

from pathlib import Path
from typing import Annotated

import typer

from hygiene.cli.common import say, user_errors
from hygiene.cli.options import ProfileOpt

app = typer.Typer(help="Show or check your profile (hygiene.toml): policy, waivers and dated statements.")


@app.command()
def show(profile: ProfileOpt = None) -> None:
    """Which profile an audit would use, why, and what it says.

    An audit uses --profile, then $HYGIENE_PROFILE, then your user config folder; a
    ./hygiene.toml is used only when named with --profile."""
    from hygiene.profile import find_profile, read_profile, unused_local_profile
    from hygiene.registry import BY_ID

    with user_errors():
        path, why = find_profile(profile)
        if path is None:
            say(f"No profile is in use: {why}.\nCreate one with `hygiene init`.")
            return
        hint = unused_local_profile(path, profile)
        if hint:
            say(f"hygiene: {hint}", err=True)
        p = read_profile(path, known_checks=frozenset(BY_ID))
    say(f"Profile: {path} (from {why})")
    say(f"Region: {p.region or 'not set'}; fail_under: {p.fail_under if p.fail_under is not None else 'not set'}")
    for check, weight in sorted(p.weights.items()):
        say(f"Weight: {check} = {weight}")
    for w in p.waivers:
        say(f"Waiver: {w.check} until {w.expires}: {w.reason}")
    for key, value in sorted(p.attest.items()):
        t = p.training if key == "training_completed" else None
        score = f", {t.score}/{t.out_of}" + (f" in {t.via}" if t.via else "") if t else ""
        say(f"Attested: {key} = {value}{score}")
    say(f"Accounts: {len(p.accounts)}; declared backups: {len(p.backups)}")


@app.command()
def check(path: Annotated[Path, typer.Argument(metavar="FILE", help="The profile to validate.")]) -> None:
    """Validate a profile without auditing: every mistake with its line, exit 2 if any."""
    from hygiene.profile import read_profile
    from hygiene.registry import BY_ID
    from hygiene.words import count

    with user_errors():
        p = read_profile(path, known_checks=frozenset(BY_ID))
    parts = ((p.waivers, "waiver"), (p.attest, "statement"), (p.accounts, "account"))
    say(f"{path}: valid ({', '.join(count(len(items), noun) for items, noun in parts)}).")
