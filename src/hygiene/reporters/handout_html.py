"""`hygiene learn handout`: the course as one self-contained page, in its language and its
direction (`dir="rtl"` for Urdu: a browser shapes and orders Arabic script where many terminals
cannot). The audit report's style sheet and Content Security Policy (reporters.html)."""

from __future__ import annotations

from typing import Any

from hygiene import __version__
from hygiene.data.incident import IncidentGuide
from hygiene.learn.lessons import Course, Lesson
from hygiene.learn.screens import RIGHT, WRONG, numbered
from hygiene.reporters.html import page, trusted


def _isolated(sentence: str, **values: str) -> Any:
    """A sentence with each value in its own <bdi>, all escaped: a sender such as +92 301 xxxxx42
    keeps its own order inside Urdu, instead of reading `xxxxx42 301 92+`."""
    from markupsafe import Markup, escape

    isolated = {k: Markup("<bdi>{}</bdi>").format(v) for k, v in values.items()}  # format() escapes v
    return escape(sentence).format(**isolated)  # escape() gives Markup; its format() escapes the rest


def _blocks(course: Course, lesson: Lesson, guide: IncidentGuide, numbers: dict[str, int]) -> list[dict[str, Any]]:
    def example(e: Any) -> dict[str, Any]:
        return {
            "kind": "example",
            "example": course.say("example"),
            "head": _isolated(course.ui[f"kind_{e.kind}"], sender=e.sender),
            "subject": course.say("subject", subject=e.subject) if e.subject else "",
            "lines": e.text.split("\n"),
            "note": course.say("example_note"),
            "signs_title": course.say("signs"),
            "signs": list(e.signs),
            "marks": [numbers[s] for s in e.sources],
        }

    blocks: list[dict[str, Any]] = []
    placed = any(p.show == "examples" for p in lesson.points)
    for point in lesson.points:
        if point.show == "examples":
            blocks += [example(e) for e in lesson.examples]
        elif point.show == "contacts":
            title = (
                course.say("contacts", region=guide.region_name)
                if guide.region_name
                else course.say("contacts_anywhere")
            )
            blocks.append({"kind": "contacts", "title": title, "contacts": guide.contacts})
        else:
            blocks.append({"kind": "point", "text": point.text, "marks": [numbers[s] for s in point.sources]})
    if not placed:
        blocks += [example(e) for e in lesson.examples]
    return blocks


def render(course: Course, guide: IncidentGuide) -> str:
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
                            "why": o.why,
                            "right": k == q.answer,
                            "mark": RIGHT if k == q.answer else WRONG,
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
                f"{course.say('minutes', minutes=lesson.minutes)}",
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
