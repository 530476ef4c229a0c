"""`hygiene init`: write a profile by answering the questions a trainer would ask."""

import os
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from hygiene.cli.common import EXIT_BAD_INPUT, check_output, error, say, stdout_style, to_stdout, user_errors
from hygiene.cli.options import output_path
from hygiene.errors import UserError

WHEN_HELP = "a date (YYYY-MM-DD), 'never', or Enter if you are not sure"


def _when(ask, question: str, today: date):
    """Ask until the answer is a past date, "never", or nothing."""
    from hygiene.profile import NEVER

    while True:
        raw = ask(f"{question} [dim]({WHEN_HELP})[/dim]", default="", show_default=False).strip().lower()
        if not raw:
            return None
        if raw == NEVER:
            return NEVER
        try:
            when = date.fromisoformat(raw)
        except ValueError:
            say("  Please give a date like 2026-03-14, or 'never'.")
            continue
        if when > today:
            say("  That date is in the future; give the date it last happened.")
            continue
        return when


def _interview(today: date, guess: str | None, kept=None):  # noqa: ANN001 - kept: a profile Training
    from functools import partial

    from rich.markup import escape
    from rich.padding import Padding
    from rich.prompt import Confirm, Prompt
    from rich.text import Text

    from hygiene.data.incident import incident_guide
    from hygiene.data.regions import country_code
    from hygiene.mfa.services import service_table
    from hygiene.profile import MFA_METHODS
    from hygiene.profile.template import Answers
    from hygiene.reporters.console import make_console
    from hygiene.reporters.wrap import hanging

    console = make_console()  # markup off: our own styling is Text, never markup around data
    # The questions are ours (their [dim] is Prompt's markup); asked on our console, they follow
    # its colour decision (--no-color, NO_COLOR, TERM=dumb) like every other output.
    ask, confirm = partial(Prompt.ask, console=console), partial(Confirm.ask, console=console)
    console.print(
        Text.from_markup("[bold]A few questions about the things no command can see.[/bold] Press Enter to skip any.\n")
    )
    answers = Answers(region_guess=guess)
    while True:  # the locale's country is offered as the default: Enter takes it
        region = ask(
            "Which country are you in? [dim](two letters, e.g. PK, GB, US)[/dim]",
            default=guess or "",
            show_default=bool(guess),
        ).strip()
        if not region or country_code(region):
            answers.region = country_code(region)
            break
        console.print("  That is not an ISO country code; try again.")

    a = answers.attest
    question = "When was your last security-awareness training?"
    if kept is not None:  # `via` is the profile's text: shown as it is, never read as markup
        via = escape(kept.via or "your profile")
        question += f" [dim](Enter keeps {kept.day}, {kept.score}/{kept.out_of} in {via})[/dim]"
    a["training_completed"] = _when(ask, question, today)
    if confirm("Do you use a password manager?", default=False):
        a["password_manager"] = today
    away = confirm("Do you keep a backup copy somewhere other than this machine?", default=False)
    if away:
        a["offsite_copy"] = today
    where = ask(
        "Where does your backup go? [dim](a folder such as /media/usb/backup, or a repository such as "
        "sftp:nas:/restic; Enter to skip)[/dim]",
        default="",
        show_default=False,
    ).strip()
    if where:
        answers.backups.append(("my backup", where, away))
    a["restore_tested"] = _when(ask, "When did you last test restoring files from a backup?", today)
    a["incident_plan"] = _when(ask, "When was your written incident plan last reviewed?", today)

    guide = incident_guide(answers.region)
    where = f" in {guide.region_name}" if guide.region_name else ""
    console.print(Text(f"\nWhere to report a cyber incident{where}:", style="bold"))
    console.print(
        Padding(hanging([("-", f"{c.who}: {c.how}") for c in guide.contacts], edge=False), (0, 0, 0, 2), expand=False)
    )
    if confirm("Have you saved these contacts where you can find them on a bad day?", default=False):
        a["incident_reporting_known"] = today

    console.print(
        Text.from_markup("\n[bold]Your important accounts[/bold] (e-mail, bank, password manager, cloud storage).")
    )
    while True:
        service = ask("Account to add [dim](e.g. gmail; Enter to finish)[/dim]", default="", show_default=False).strip()
        if not service:
            break
        known = service_table().find(service)
        if known is not None:
            console.print(Text(f"  {known.name} offers: {', '.join(known.methods) or 'no second factor'}", style="dim"))
        method = ask("  How do you sign in besides the password?", choices=list(MFA_METHODS), default="none")
        critical = confirm("  Is it critical (losing it would hurt)?", default=True)
        answers.accounts.append((service, method, critical))
    return answers


def init(
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            parser=output_path,
            help=(
                "Where to write it (mode 0600), in a folder that exists. "
                "Default: your user config folder, where `hygiene audit` finds it."
            ),
        ),
    ] = None,
    defaults: Annotated[bool, typer.Option("--defaults", help="Write a commented template without asking.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing profile without asking.")] = False,
) -> None:
    """Write your profile (hygiene.toml): region, training, backups, incident plan, accounts."""
    from hygiene.data.regions import locale_region
    from hygiene.files import write_private
    from hygiene.profile import parse_profile
    from hygiene.profile.locate import make_config_folder, user_config_path
    from hygiene.profile.template import Answers, render_profile
    from hygiene.registry import BY_ID

    today = date.today()
    if output is not None and to_stdout(output):  # every other -o prints there; a profile is a file
        with user_errors():
            raise UserError(f"{output}: init writes a file, and `-` (standard output) is not one; give a file name")
    path = output or user_config_path()
    if output is None:  # hygiene's own config folder is made for it; a folder named with -o must exist
        with user_errors():
            make_config_folder(path.parent)
    check_output(path, force=True)  # before any question; replacing a profile is asked about below
    with user_errors():
        if path.exists() and not force:
            if defaults:
                error(f"{path}: already exists; use --force to replace it")
                raise typer.Exit(EXIT_BAD_INPUT)
            from rich.prompt import Confirm
            from rich.text import Text

            if not Confirm.ask(Text(f"{path} exists. Replace it?"), default=False):  # a path is not markup
                say("Nothing written.")
                return
            force = True
        guess = locale_region(os.environ)
        kept = _recorded_training(path, today)
        answers = Answers(region_guess=guess) if defaults else _interview(today, guess, kept)
        if kept is not None and answers.attest.get("training_completed") in (None, kept.day):
            answers.attest["training_completed"] = kept  # `hygiene learn`'s score survives a new profile
        text = render_profile(answers, today)
        parse_profile(text, path, today, known_checks=frozenset(BY_ID))  # what we write must be a valid profile
        write_private(path, text, force=force)
    from hygiene.reporters.wrap import fill

    done = f"Wrote {path}. {_how_to_use(path)}; edit it any time, then `hygiene profile check {path}`."
    say(fill(done, stdout_style(False).width))  # at the terminal's width, each `command` whole


def _recorded_training(path: Path, today: date):  # noqa: ANN202 - a profile Training, or None
    """The score `hygiene learn` recorded in the profile being replaced, if it is readable."""
    from hygiene.profile import read_profile
    from hygiene.registry import BY_ID

    if not path.is_file():
        return None
    try:
        return read_profile(path, today, known_checks=frozenset(BY_ID)).training
    except (UserError, OSError):
        return None


def _how_to_use(path: Path) -> str:
    """An audit finds the profile in the user config folder (or through $HYGIENE_PROFILE);
    anywhere else, ./hygiene.toml included, it must be named."""
    from hygiene.errors import UserError
    from hygiene.profile import ENV_VAR, find_profile

    try:
        used, _ = find_profile(None)
        if used is not None and used.samefile(path):
            return "Run `hygiene audit` to use it"
    except (UserError, OSError):
        pass
    return f"An audit uses it only when named: `hygiene audit --profile {path}` (or set ${ENV_VAR})"
