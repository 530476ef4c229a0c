"""`hygiene learn`: ten minutes of awareness training that counts towards AWR-001;
`hygiene learn handout`: the same course as one page to print or read in a browser."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from hygiene.cli.common import EXIT_BAD_INPUT, error, hint, say, stdout_style, user_errors
from hygiene.cli.options import DbOpt, ForceOpt, OutputOpt, ProfileOpt, format_option

if TYPE_CHECKING:
    from hygiene.learn.lessons import Course

app = typer.Typer(
    help=(
        "Ten minutes of security-awareness training in the terminal, in English or Urdu: spotting phishing, "
        "passwords, second factors and SIM swaps, updates, backups and ransomware, and whom to call after an "
        "incident. Each lesson ends with questions, every answer explained. Finishing records the date and "
        "your score in your profile and the history, so the next audit counts it (AWR-001)."
    ),
    rich_markup_mode="markdown",
    subcommand_metavar="[handout]",
    context_settings={"help_option_names": ["-h", "--help"]},
)

LangOpt = Annotated[
    Optional[str],
    typer.Option(
        "--lang",
        metavar="en|ur",
        help="The language of the lessons. Default: your locale's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) "
        "when hygiene has it, else English.",
    ),
]

RtlOpt = Annotated[
    bool,
    typer.Option(
        "--rtl",
        help="Show Urdu even where hygiene cannot tell that this terminal writes right to left and joins letters.",
    ),
]


def _language(chosen: str | None) -> str:
    import locale

    from hygiene.learn.lessons import languages
    from hygiene.learn.script import locale_language

    known = languages()
    if chosen is not None:
        if chosen.lower() not in known:
            raise typer.BadParameter(f"{chosen[:20]!r}: hygiene has lessons in {', '.join(known)}", param_hint="--lang")
        return chosen.lower()
    windows = locale.getlocale()[0] if sys.platform == "win32" else None
    return locale_language(os.environ, windows, known)


def _course(language: str, rtl: bool) -> Course:
    """The course to teach at this terminal: English instead, with the reason, where a
    right-to-left language would come out back to front (learn.script)."""
    from hygiene.learn.lessons import load_course
    from hygiene.learn.script import cannot_show_rtl

    course = load_course(language)
    try:
        "".join(course.ui.values()).encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        hint(
            f"standard output's encoding ({sys.stdout.encoding}) cannot write {course.name}; showing English. "
            "Set PYTHONIOENCODING=utf-8, or write the lessons to a page: `hygiene learn handout --lang "
            f"{language} -o lessons-{language}.html`"
        )
        return load_course("en")
    why = None if rtl or course.direction == "ltr" else cannot_show_rtl(os.environ, sys.stdout.isatty())
    if why is None:
        return course
    hint(
        f"{course.name} is written right to left with joined letters, and {why}: showing English instead. "
        f"If {course.name} does look right here, run again with --rtl. To read it in a browser: "
        f"`hygiene learn handout --lang {language} -o lessons-{language}.html`; in GNOME Terminal, Konsole "
        "or mintty outside tmux it shows as it should"
    )
    return load_course("en")


def _region(profile: Path | None) -> str | None:
    """Whose contacts the incident lesson shows: the profile's region, else the locale's guess."""
    from hygiene.data.regions import locale_region
    from hygiene.errors import UserError
    from hygiene.profile import load_profile
    from hygiene.registry import BY_ID

    try:
        region = load_profile(profile, known_checks=frozenset(BY_ID)).region
    except UserError:  # a broken profile is reported when the result is recorded, not here
        region = None
    return region or locale_region(os.environ)


def _tell(text: str) -> None:
    """A closing sentence, wrapped between words at the terminal's width (paths and `commands` whole)."""
    from hygiene.reporters.wrap import fill

    say(fill(text, stdout_style(False).width))


@app.callback(invoke_without_command=True)
def learn(
    ctx: typer.Context,
    lang: LangOpt = None,
    quiz: Annotated[
        bool, typer.Option("--quiz", help="The questions alone, without the lessons: a refresher of a few minutes.")
    ] = False,
    workshop: Annotated[
        bool,
        typer.Option(
            "--workshop",
            help="For a trainer and a room: one lesson per screen, Enter moves on, the answer shown after a "
            "pause, hands counted if you like. Nothing is saved.",
        ),
    ] = False,
    pause: Annotated[
        int, typer.Option("--pause", min=0, max=300, metavar="SECONDS", help="--workshop: the room's time to choose.")
    ] = 10,
    rtl: RtlOpt = False,
    no_record: Annotated[
        bool, typer.Option("--no-record", help="Don't record the result in your profile or the history.")
    ] = False,
    profile: ProfileOpt = None,
    db: DbOpt = None,
) -> None:
    """Take the course (about ten minutes), or its questions alone with --quiz."""
    if ctx.invoked_subcommand is not None:
        return
    from hygiene.data.incident import incident_guide
    from hygiene.learn import terminal

    with user_errors():
        course = _course(_language(lang), rtl)
        guide = incident_guide(_region(profile))
    if workshop:
        with user_errors():
            terminal.workshop(course, guide, pause).run(quiz)
        return
    from hygiene.learn.session import NoAnswer

    if not no_record:
        from hygiene.learn.record import check_recordable

        with user_errors():
            check_recordable(profile)
    try:
        result = terminal.session(course, guide).run(quiz)
    except (EOFError, NoAnswer) as exc:
        ended = "standard input ended" if isinstance(exc, EOFError) else str(exc)
        error(f"{ended} before the last question; nothing was recorded")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    _tell(course.say("done", right=result.right, total=result.total))
    if no_record:
        _tell(course.say("not_recorded"))
        return
    from hygiene.learn.record import record_in_history, record_in_profile

    with user_errors():
        path, created = record_in_profile(result, profile)
        key = "recorded_new" if created else "recorded"
        _tell(course.say(key, path=path, day=result.day, right=result.right, total=result.total))
        _tell(course.say("recorded_history", path=record_in_history(result, db)))


@app.command("handout")
def handout(
    lang: LangOpt = None,
    fmt: format_option("learn handout", output=True) = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    rtl: RtlOpt = False,
    profile: ProfileOpt = None,
) -> None:
    """The whole course to read or print: lessons, examples, and every question with every
    answer explained. As an HTML page (`-o lessons.html`) it shows Urdu right to left in any
    browser, where a terminal cannot."""
    from hygiene.cli.common import check_output, emit, hint_for_files, to_stdout
    from hygiene.cli.options import HTML, JSON, MARKDOWN, chosen_format
    from hygiene.data.incident import incident_guide
    from hygiene.learn.lessons import load_course

    chosen = chosen_format("learn handout", fmt, output)
    check_output(output, force)
    with user_errors():
        language = _language(lang)
        # Only the terminal format is drawn on a terminal; a file or a page keeps the language asked for.
        course = (
            _course(language, rtl)
            if chosen not in (HTML, JSON, MARKDOWN) and to_stdout(output)
            else load_course(language)
        )
        guide = incident_guide(_region(profile))
        if chosen is HTML:
            from hygiene.reporters.handout_html import render

            text = render(course, guide)
        elif chosen is JSON:
            from hygiene.reporters.handout import render_json

            text = render_json(course)
        elif chosen is MARKDOWN:
            from hygiene.reporters.handout import render_markdown

            text = render_markdown(course, guide)
        else:
            from hygiene.reporters.handout import render_text

            text = render_text(course, guide, stdout_style(not to_stdout(output)))
    hint_for_files(chosen, output)
    emit(text, output, force)
