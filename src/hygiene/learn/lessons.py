"""The lesson files (src/hygiene/data/lessons/<lang>.toml): read once, checked whole.

A language is a file, so a translator never touches code; the format is described at the top of
en.toml and in docs/lessons.md. The checks here make a broken file fail loudly with its name and
the key at fault, rather than teach half a lesson: unknown keys, missing texts, questions whose
answer is not among their options, sources cited but not listed, numbers without a source, links
outside `.example`, and any character that would act on a terminal instead of being shown."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from hygiene.errors import UserError

LESSON_IDS = ("phishing", "passwords", "second-factors", "updates", "backups", "incident")
KINDS = ("sms", "email", "whatsapp", "notice", "call")
SHOW = ("examples", "contacts")  # a point that places the lesson's examples, or the region's contacts
DIRECTIONS = ("ltr", "rtl")
# Every sentence the runner prints around the lessons, and the {names} it fills in: each language
# has every sentence, and may use each name (the tests hold each to English's).
UI_KEYS: dict[str, frozenset[str]] = {
    "title": frozenset({"minutes"}),
    "quiz_title": frozenset({"total"}),
    "unreviewed": frozenset(),
    "handout_about": frozenset({"minutes", "questions"}),
    "lesson": frozenset({"n", "total"}),
    "minutes": frozenset({"minutes"}),
    "example": frozenset(),
    "example_note": frozenset(),
    "kind_sms": frozenset({"sender"}),
    "kind_email": frozenset({"sender"}),
    "kind_whatsapp": frozenset({"sender"}),
    "kind_notice": frozenset({"sender"}),
    "kind_call": frozenset({"sender"}),
    "subject": frozenset({"subject"}),
    "signs": frozenset(),
    "sources": frozenset(),
    "next": frozenset(),
    "question": frozenset({"n", "total"}),
    "question_short": frozenset({"n"}),
    "choose": frozenset({"choices"}),
    "not_a_choice": frozenset({"choices"}),
    "right": frozenset(),
    "wrong": frozenset({"answer"}),
    "the_answer": frozenset({"answer"}),
    "lesson_score": frozenset({"right", "total"}),
    "done": frozenset({"right", "total"}),
    "recorded": frozenset({"day", "path", "right", "total"}),
    "recorded_new": frozenset({"day", "path", "right", "total"}),
    "recorded_history": frozenset({"path"}),
    "not_recorded": frozenset(),
    "workshop_intro": frozenset(),
    "workshop_next": frozenset(),
    "workshop_pause": frozenset(),
    "workshop_count": frozenset(),
    "workshop_hands": frozenset({"n"}),
    "workshop_not_hands": frozenset(),
    "workshop_room": frozenset({"hands", "right", "share"}),
    "workshop_done": frozenset(),
    "workshop_nothing_saved": frozenset(),
    "minute": frozenset({"minutes"}),
    "begin": frozenset(),
    "more": frozenset(),
    "next_lesson": frozenset(),
    "sources_note": frozenset(),
    "quiz_recorded": frozenset({"path"}),
    "low_score": frozenset(),
    "contacts": frozenset({"region"}),
    "contacts_anywhere": frozenset(),
}
# Controls and bidi overrides would act on the terminal (hygiene.inert shows them as codes);
# a lesson has no use for them. ZWNJ (U+200C), which Urdu spelling uses, is allowed.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_URL = re.compile(r"(?:https?://|www\.)([^/\s]+)", re.IGNORECASE)
# In an invented message any host name is a link, with or without its scheme: bit.ly/x, bank.pk.
_HOST = re.compile(r"(?<![\w.-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[/:\s,;)!?]|\.?$|\.\s)", re.IGNORECASE | re.MULTILINE)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    checked: date


@dataclass(frozen=True)
class Option:
    text: str
    why: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    answer: int  # 1-based, as the options are numbered on screen
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Example:
    kind: str
    sender: str
    subject: str
    text: str
    signs: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Point:
    text: str
    sources: tuple[str, ...]
    show: str  # "" for a paragraph, else one of SHOW


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    minutes: int
    points: tuple[Point, ...]
    examples: tuple[Example, ...]
    questions: tuple[Question, ...]

    def parts(self) -> list[Point | Example]:
        """What the lesson shows, in order: its points, its examples where a point places them
        (else after the points), and a `show = "contacts"` point where the contacts go. Every
        way of drawing a lesson (terminal, page, Markdown) walks this one list."""
        out: list[Point | Example] = []
        for point in self.points:
            out += list(self.examples) if point.show == "examples" else [point]
        if not any(p.show == "examples" for p in self.points):
            out += self.examples
        return out


@dataclass(frozen=True)
class Course:
    language: str
    name: str
    direction: str
    translated_from: str
    reviewed_by: str
    reviewed_on: date | None
    minutes: int
    ui: dict[str, str]
    sources: dict[str, Source]
    lessons: tuple[Lesson, ...]

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by) and self.reviewed_on is not None

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for lesson in self.lessons for q in lesson.questions)

    def say(self, key: str, **values: object) -> str:
        """One of the runner's sentences in this language, its placeholders filled in."""
        return self.ui[key].format(**values)


def languages() -> tuple[str, ...]:
    """The languages hygiene has lessons in: one file each."""
    folder = resources.files("hygiene.data") / "lessons"
    return tuple(sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml")))


def load_course(language: str) -> Course:
    """The course in `language` (one of languages()), checked."""
    if language not in languages():
        raise UserError(f"no lessons in {language!r}: hygiene has {', '.join(languages())}")
    name = f"lessons/{language}.toml"
    text = (resources.files("hygiene.data") / "lessons" / f"{language}.toml").read_text(encoding="utf-8")
    course = parse_course(text, name)
    if course.language != language:
        raise LessonFileError(f"{name}: meta.language says {course.language!r}: a file is named for its language")
    return course


class LessonFileError(UserError):
    """A lesson file that breaks the format: a bug in hygiene's data, named with the key at fault."""


def parse_course(text: str, name: str) -> Course:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LessonFileError(f"{name}: not valid TOML ({exc})") from None
    return _Reader(name).course(data)


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cited: set[str] = set()

    def fail(self, where: str, problem: str) -> LessonFileError:
        return LessonFileError(f"{self.name}: {where}: {problem}")

    def table(self, value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a table")
        unknown = sorted(set(value) - set(required) - set(optional))
        if unknown:
            raise self.fail(where, f"unknown key {unknown[0]!r}")
        missing = [k for k in required if k not in value]
        if missing:
            raise self.fail(where, f"missing {missing[0]!r}")
        return value

    def text(self, value: Any, where: str, *, empty: bool = False, invented: bool = False) -> str:
        """Text to show; `invented` (a made-up message) may name no host outside .example at all."""
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self.fail(where, "must be text" if empty else "must be text, not empty")
        bad = _UNSAFE.search(value)
        if bad:
            raise self.fail(where, f"has the control character U+{ord(bad.group()):04X}")
        for m in (_HOST if invented else _URL).finditer(value):
            host = m.group(1).rstrip(".,;:!?)»”'\"").lower()
            if not (host == "example" or host.endswith(".example")):
                raise self.fail(where, f"links to {host}: example links must be under .example")
        return value.strip()

    def count(self, value: Any, where: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(where, f"must be a whole number from {low} to {high}")
        return value

    def ident(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(where, "must be an id of lowercase letters, digits and dashes")
        return value

    def items(self, value: Any, where: str, low: int, high: int) -> list:
        if not isinstance(value, list) or not low <= len(value) <= high:
            raise self.fail(where, f"must be a list of {low} to {high} entries")
        return value

    def cites(self, value: Any, where: str, sources: dict[str, Source], text: str) -> tuple[str, ...]:
        ids = tuple(self.ident(s, f"{where}.sources") for s in self.items(value, f"{where}.sources", 0, 10))
        for s in ids:
            if s not in sources:
                raise self.fail(f"{where}.sources", f"cites {s!r}, which is not among [[sources]]")
        if not ids and re.search(r"\d", text):
            raise self.fail(where, "states a number but cites no source")
        self.cited.update(ids)
        return ids

    def course(self, data: Any) -> Course:
        data = self.table(data, "the file", ("meta", "ui", "sources", "lessons"))
        meta = self.table(
            data["meta"],
            "[meta]",
            ("language", "name", "direction", "translated_from", "reviewed_by", "reviewed_on", "minutes"),
        )
        language = self.text(meta["language"], "meta.language")
        if meta["direction"] not in DIRECTIONS:
            raise self.fail("meta.direction", "must be 'ltr' or 'rtl'")
        reviewed_on = meta["reviewed_on"]
        if reviewed_on == "":
            reviewed_on = None
        elif not isinstance(reviewed_on, date):
            raise self.fail("meta.reviewed_on", 'must be a date (2026-12-02, no quotes), or "" while unreviewed')
        ui = self.table(data["ui"], "[ui]", tuple(UI_KEYS))
        ui = {key: self.text(value, f"ui.{key}") for key, value in ui.items()}
        for key, value in ui.items():
            try:
                names = placeholders(value)
            except ValueError as exc:
                raise self.fail(f"ui.{key}", f"{exc}: write each placeholder as {{name}}, or a brace twice") from None
            extra = sorted(names - UI_KEYS[key])
            if extra:
                raise self.fail(f"ui.{key}", f"fills in {{{extra[0]}}}, which hygiene does not give it")
        sources = {}
        for i, raw in enumerate(self.items(data["sources"], "[[sources]]", 1, 200)):
            where = f"sources[{i}]"
            raw = self.table(raw, where, ("id", "title", "url", "checked"))
            sid = self.ident(raw["id"], f"{where}.id")
            url = raw["url"]
            if not isinstance(url, str) or not re.fullmatch(r"https://[^\s\"<>]+", url):
                raise self.fail(f"{where}.url", "must be an https:// address")
            if not isinstance(raw["checked"], date):
                raise self.fail(f"{where}.checked", "must be the date it was looked at (YYYY-MM-DD, no quotes)")
            if sid in sources:
                raise self.fail(f"{where}.id", f"{sid!r} is listed twice")
            sources[sid] = Source(sid, self.text(raw["title"], f"{where}.title"), url, raw["checked"])
        lessons = tuple(
            self.lesson(raw, i, sources) for i, raw in enumerate(self.items(data["lessons"], "[[lessons]]", 1, 20))
        )
        if tuple(lesson.id for lesson in lessons) != LESSON_IDS:
            raise self.fail("[[lessons]]", f"must be, in this order: {', '.join(LESSON_IDS)}")
        question_ids = [q.id for lesson in lessons for q in lesson.questions]
        if len(set(question_ids)) != len(question_ids):
            raise self.fail("[[lessons.questions]]", "two questions share an id")
        unused = sorted(set(sources) - self.cited)
        if unused:
            raise self.fail("[[sources]]", f"{unused[0]!r} is cited nowhere")
        return Course(
            language=language,
            name=self.text(meta["name"], "meta.name"),
            direction=meta["direction"],
            translated_from=self.text(meta["translated_from"], "meta.translated_from", empty=True),
            reviewed_by=self.text(meta["reviewed_by"], "meta.reviewed_by", empty=True),
            reviewed_on=reviewed_on,
            minutes=self.count(meta["minutes"], "meta.minutes", 1, 120),
            ui=ui,
            sources=sources,
            lessons=lessons,
        )

    def lesson(self, raw: Any, i: int, sources: dict[str, Source]) -> Lesson:
        where = f"lessons[{i}]"
        raw = self.table(raw, where, ("id", "title", "minutes", "points", "questions"), ("examples",))
        lid = self.ident(raw["id"], f"{where}.id")
        points = []
        for j, p in enumerate(self.items(raw["points"], f"{where}.points", 1, 20)):
            at = f"{lid}.points[{j}]"
            if isinstance(p, dict) and "show" in p:
                p = self.table(p, at, ("show",))
                if p["show"] not in SHOW:
                    raise self.fail(f"{at}.show", f"must be one of {', '.join(SHOW)}")
                points.append(Point("", (), p["show"]))
                continue
            p = self.table(p, at, ("text",), ("sources",))
            body = self.text(p["text"], f"{at}.text")
            points.append(Point(body, self.cites(p.get("sources", []), at, sources, body), ""))
        examples = []
        for j, e in enumerate(self.items(raw.get("examples", []), f"{where}.examples", 0, 10)):
            at = f"{lid}.examples[{j}]"
            e = self.table(e, at, ("kind", "sender", "text", "signs", "sources"), ("subject",))
            if e["kind"] not in KINDS:
                raise self.fail(f"{at}.kind", f"must be one of {', '.join(KINDS)}")
            signs = tuple(self.text(s, f"{at}.signs") for s in self.items(e["signs"], f"{at}.signs", 1, 6))
            cited = self.cites(e["sources"], at, sources, "")
            if not cited:
                raise self.fail(
                    f"{at}.sources", "an example stands for a real scam pattern: cite where it is described"
                )
            examples.append(
                Example(
                    e["kind"],
                    self.text(e["sender"], f"{at}.sender", invented=True),
                    self.text(e.get("subject", ""), f"{at}.subject", empty=True, invented=True),
                    self.text(e["text"], f"{at}.text", invented=True),
                    signs,
                    cited,
                )
            )
        shows = [p.show for p in points if p.show]
        if len(set(shows)) != len(shows) or ("examples" in shows and not examples):
            raise self.fail(f"{where}.points", "places its examples or contacts more than once, or examples it lacks")
        questions = tuple(
            self.question(q, f"{lid}.questions[{j}]")
            for j, q in enumerate(self.items(raw["questions"], f"{where}.questions", 2, 3))
        )
        return Lesson(
            lid,
            self.text(raw["title"], f"{where}.title"),
            self.count(raw["minutes"], f"{where}.minutes", 1, 30),
            tuple(points),
            tuple(examples),
            questions,
        )

    def question(self, raw: Any, where: str) -> Question:
        raw = self.table(raw, where, ("id", "prompt", "answer", "options"))
        options = []
        for k, o in enumerate(self.items(raw["options"], f"{where}.options", 2, 4)):
            o = self.table(o, f"{where}.options[{k}]", ("text", "why"))
            options.append(
                Option(
                    self.text(o["text"], f"{where}.options[{k}].text"), self.text(o["why"], f"{where}.options[{k}].why")
                )
            )
        return Question(
            self.ident(raw["id"], f"{where}.id"),
            self.text(raw["prompt"], f"{where}.prompt"),
            self.count(raw["answer"], f"{where}.answer", 1, len(options)),
            tuple(options),
        )


def placeholders(text: str) -> set[str]:
    """The {names} a UI sentence fills in: each language must keep the same ones. Only plain
    names: a format spec ({right:>999999999}), an index ({total[0]}) or a conversion would make
    str.format build a huge string or fail at the end of a session (ValueError here)."""
    from string import Formatter

    names = set()
    for _, name, spec, conversion in Formatter().parse(text):
        if name is None:
            continue
        if not re.fullmatch(r"[a-z_]+", name) or spec or conversion:
            field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValueError(f"{{{field}}} is not a plain placeholder")
        names.add(name)
    return names
