"""`hygiene learn`: ten minutes of awareness training that counts towards AWR-001;
`hygiene learn handout`: the same course as one page to print or read in a browser."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from hygiene.cli.common import EXIT_BAD_INPUT, error, say, stdout_style, user_errors
from hygiene.cli.options import DbOpt, ForceOpt, OutputOpt, ProfileOpt, format_option

if TYPE_CHECKING:
    from hygiene.data.incident import IncidentGuide
    from hygiene.learn.lessons import Course
    from hygiene.learn.result import TrainingResult

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

RegionOpt = Annotated[
    Optional[str],
    typer.Option(
        "--region",
        metavar="CC",
        help="Whose contacts the incident lesson shows: a two-letter country code (PK, GB, US...). "
        "Default: your profile's region, else your locale's country.",
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
    right-to-left language would come out back to front (learn.script). Output in an encoding
    that cannot write a character (a redirected Windows console) gets a `?` for it, not a crash."""
    from hygiene.learn.lessons import load_course
    from hygiene.learn.script import cannot_show_rtl

    course = load_course(language)
    encoding = sys.stdout.encoding or "utf-8"
    page = f"`hygiene learn handout --lang {language} -o lessons-{language}.html`"
    try:
        "".join(course.ui.values()).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        _note(
            f"Standard output's encoding ({encoding}) cannot write the {language!r} lessons: showing English "
            "instead. "
            f"Set PYTHONIOENCODING=utf-8, or read the lessons in a browser: {page}."
        )
        course = load_course("en")
    if encoding.replace("-", "").lower() != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # ✔, ✗ and the boxes' lines become ?
    why = None if rtl or course.direction == "ltr" else cannot_show_rtl(os.environ, sys.stdout.isatty())
    if why is None:
        return course
    _note(
        f"{course.name} needs a terminal that joins its letters and writes right to left, and {why}. "
        f"Showing English instead. If {course.name} does look right here, run again with --rtl; or read "
        f"the lessons in a browser: {page}. GNOME Terminal, Konsole and mintty show it, outside tmux."
    )
    return load_course("en")


def _note(text: str) -> None:
    """A note on stderr, wrapped between words at the terminal's width."""
    from hygiene.reporters.wrap import fill

    say(fill(f"hygiene: {text}", stdout_style(False).width), err=True)


def _guide(region: str | None, profile: Path | None) -> IncidentGuide:
    """Whose contacts the incident lesson shows: --region, else the profile's region, else the
    locale's country."""
    from hygiene.data.incident import incident_guide
    from hygiene.data.regions import country_code

    if region is not None:
        code = country_code(region)
        if code is None:
            raise typer.BadParameter(f"{region[:20]!r} is not a two-letter country code", param_hint="--region")
        return incident_guide(code)
    return incident_guide(_region(profile))


def _region(profile: Path | None) -> str | None:
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
    region: RegionOpt = None,
    rtl: RtlOpt = False,
    no_record: Annotated[
        bool, typer.Option("--no-record", help="Don't record the result in your profile or the history.")
    ] = False,
    profile: ProfileOpt = None,
    db: DbOpt = None,
) -> None:
    """Take the course (about ten minutes), or its questions alone with --quiz."""
    if ctx.invoked_subcommand is not None:
        given = [p.opts[0] for p in ctx.command.params if ctx.get_parameter_source(p.name).name != "DEFAULT"]
        if given:
            raise typer.BadParameter(f"{', '.join(given)} goes after `handout`: `hygiene learn handout {given[0]} ...`")
        return
    from hygiene.learn import terminal

    with user_errors():
        course = _course(_language(lang), rtl)
        guide = _guide(region, profile)
    if workshop:
        with user_errors():
            terminal.workshop(course, guide, pause).run(quiz)
        return
    from hygiene.learn.session import NoAnswer

    if not no_record:
        from hygiene.learn.record import check_recordable

        with user_errors():
            check_recordable(profile, db, in_profile=not quiz)
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
    _record(course, result, profile, db)


def _record(course: Course, result: TrainingResult, profile: Path | None, db: Path | None) -> None:
    """The history first (hygiene's own file), then the profile; a quiz goes in the history
    only: the profile's training_completed is the whole course, and a quick quiz must neither
    stand for it nor overwrite it."""
    from hygiene.errors import UserError
    from hygiene.inert import one_line
    from hygiene.learn.record import record_in_history, record_in_profile
    from hygiene.learn.result import PASS_SHARE, QUIZ

    with user_errors():
        try:
            history: str | None = one_line(str(record_in_history(result, db)))
        except UserError as exc:
            if result.kind == QUIZ:
                raise
            history, failed = None, exc  # the profile is still written: the course counts there
        if result.kind == QUIZ:
            _tell(course.say("quiz_recorded", path=history))
            return
        path, created = record_in_profile(result, profile)
        key = "recorded_new" if created else "recorded"
        _tell(course.say(key, path=one_line(str(path)), day=result.day, right=result.right, total=result.total))
        if result.right < PASS_SHARE * result.total:
            _tell(course.say("low_score"))
        if history is None:
            raise failed
        _tell(course.say("recorded_history", path=history))


@app.command("handout")
def handout(
    lang: LangOpt = None,
    fmt: format_option("learn handout", output=True) = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    answers: Annotated[
        bool,
        typer.Option(
            "--answers/--no-answers",
            help="With every question's answer and why each option is right or wrong (default), or the "
            "questions alone: a quiz sheet to print or project.",
        ),
    ] = True,
    region: RegionOpt = None,
    rtl: RtlOpt = False,
    profile: ProfileOpt = None,
) -> None:
    """The whole course to read or print: lessons, examples, and every question with every
    answer explained. As an HTML page (`-o lessons.html`) it shows Urdu right to left in any
    browser, where a terminal cannot."""
    from hygiene.cli.common import check_output, emit, hint_for_files, to_stdout
    from hygiene.cli.options import HTML, JSON, MARKDOWN, chosen_format
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
        guide = _guide(region, profile)
        if chosen is HTML:
            from hygiene.reporters.handout_html import render

            text = render(course, guide, answers)
        elif chosen is JSON:
            from hygiene.reporters.handout import render_json

            text = render_json(course, answers)
        elif chosen is MARKDOWN:
            from hygiene.reporters.handout import render_markdown

            text = render_markdown(course, guide, answers)
        else:
            from hygiene.reporters.handout import render_text

            text = render_text(course, guide, stdout_style(not to_stdout(output)), answers)
    hint_for_files(chosen, output)
    emit(text, output, force)
