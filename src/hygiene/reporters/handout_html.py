"""`hygiene learn handout`: the course as one self-contained page, in its language and its
direction (`dir="rtl"` for Urdu: a browser shapes and orders Arabic script where many terminals
cannot). The audit report's style sheet and Content Security Policy (reporters.html)."""

from __future__ import annotations

from typing import Any

from hygiene import __version__
from hygiene.data.incident import IncidentGuide
from hygiene.learn.lessons import Course, Example, Lesson
from hygiene.learn.screens import RIGHT, WRONG, contacts_title, numbered
from hygiene.reporters.html import page, trusted


def _isolated(sentence: str, **values: str) -> Any:
    """A sentence with each value in its own <bdi>, all escaped: a sender such as +92 301 xxxxx42
    keeps its own order inside Urdu, instead of reading `xxxxx42 301 92+`."""
    from markupsafe import Markup, escape

    isolated = {k: Markup("<bdi>{}</bdi>").format(v) for k, v in values.items()}  # format() escapes v
    return escape(sentence).format(**isolated)  # escape() gives Markup; its format() escapes the rest


def _blocks(course: Course, lesson: Lesson, guide: IncidentGuide, numbers: dict[str, int]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for part in lesson.parts():
        if isinstance(part, Example):
            blocks.append(
                {
                    "kind": "example",
                    "example": course.say("example"),
                    "head": _isolated(course.ui[f"kind_{part.kind}"], sender=part.sender),
                    "subject": course.say("subject", subject=part.subject) if part.subject else "",
                    "lines": part.text.split("\n"),
                    "note": course.say("example_note") if part is lesson.examples[0] else "",
                    "signs_title": course.say("signs"),
                    "signs": list(part.signs),
                    "marks": sorted(numbers[s] for s in part.sources),
                }
            )
        elif part.show == "contacts":
            blocks.append({"kind": "contacts", "title": contacts_title(course, guide), "contacts": guide.contacts})
        else:
            blocks.append({"kind": "point", "text": part.text, "marks": sorted(numbers[s] for s in part.sources)})
    return blocks


def render(course: Course, guide: IncidentGuide, answers: bool = True) -> str:
    """The page; without `answers`, the questions alone (a quiz sheet to print or project)."""
    template, css, csp = page("handout.html.j2")
    total, asked, lessons = len(course.questions), 0, []
    for n, lesson in enumerate(course.lessons, 1):
        numbers = numbered(lesson)
        questions = []
        for q in lesson.questions:
            asked += 1
            questions.append(
                {
                    "title": course.say("question", n=asked, total=total),
                    "prompt": q.prompt,
                    "options": [
                        {
                            "text": o.text,
                            "why": o.why if answers else "",
                            "right": answers and k == q.answer,
                            "mark": (RIGHT if k == q.answer else WRONG) if answers else "",
                        }
                        for k, o in enumerate(q.options, 1)
                    ],
                }
            )
        lessons.append(
            {
                "id": lesson.id,
                "title": lesson.title,
                "where": f"{course.say('lesson', n=n, total=len(course.lessons))} · "
                f"{course.say('minute' if lesson.minutes == 1 else 'minutes', minutes=lesson.minutes)}",
                "blocks": _blocks(course, lesson, guide, numbers),
                "questions": questions,
                "sources": [{"n": n, **vars(course.sources[s])} for s, n in numbers.items()],
            }
        )
    return template.render(
        lang=course.language,
        dir=course.direction,
        csp=csp,
        css=trusted(css),
        version=__version__,
        title=course.say("title", minutes=course.minutes, total=total),
        about=course.say("handout_about", questions=total, minutes=course.minutes),
        unreviewed=None if course.reviewed else course.say("unreviewed"),
        lessons=lessons,
        sources_title=course.say("sources"),
    )
