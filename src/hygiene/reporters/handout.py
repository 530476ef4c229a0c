"""`hygiene learn handout` at the terminal (the `table` format), in Markdown and as JSON: the
whole course to read, print or feed to another tool, every question with every option's
explanation. The terminal text is drawn with the session's own screens (learn.screens), so it
reads exactly as the lessons do; the page is reporters.handout_html."""

from __future__ import annotations

from hygiene.data.incident import IncidentGuide
from hygiene.learn.lessons import Course
from hygiene.reporters import Style


def render_text(course: Course, guide: IncidentGuide, style: Style) -> str:
    from hygiene.learn import screens
    from hygiene.reporters.console import console_for, strip_padding

    console, buffer = console_for(style)
    width = min(style.width, screens.READING_WIDTH)
    note = screens.unreviewed(course)
    for renderable in (
        screens.line(course.say("handout_about", questions=len(course.questions), minutes=course.minutes), "bold"),
        note,
    ):
        if renderable is not None:
            console.print(renderable, width=width)
    asked = 0
    for n, lesson in enumerate(course.lessons, 1):
        console.print()
        console.print(screens.lesson_header(course, lesson, n), width=width)
        console.print(screens.lesson_body(course, lesson, guide), width=width)
        for q in lesson.questions:
            asked += 1
            console.print()
            console.print(screens.question(course, q, asked, len(course.questions)), width=width)
            console.print(screens.every_why(course, q), width=width)
    return strip_padding(buffer.getvalue())


def render_markdown(course: Course, guide: IncidentGuide) -> str:
    from hygiene.learn.screens import RIGHT, WRONG, numbered
    from hygiene.reporters.markdown import cell as escape

    out = [f"# {escape(course.say('title', minutes=course.minutes))}", ""]
    out += [escape(course.say("handout_about", questions=len(course.questions), minutes=course.minutes)), ""]
    if not course.reviewed:
        out += [f"> {escape(course.say('unreviewed'))}", ""]
    asked = 0
    for n, lesson in enumerate(course.lessons, 1):
        numbers = numbered(lesson)

        def marks(sources: tuple[str, ...]) -> str:
            return "".join(f" [{k}]" for k in sorted(numbers[s] for s in sources))  # noqa: B023 - used at once

        out += [
            f"## {escape(lesson.title)}",
            "",
            f"*{escape(course.say('lesson', n=n, total=len(course.lessons)))}*",
            "",
        ]
        placed = any(p.show == "examples" for p in lesson.points)
        examples = []
        for i, e in enumerate(lesson.examples):
            head = escape(course.say(f"kind_{e.kind}", sender=e.sender))
            quoted = ([f"> **{escape(course.say('subject', subject=e.subject))}**", ">"] if e.subject else []) + [
                f"> {escape(line)}" if line else ">" for line in e.text.split("\n")
            ]
            examples += [f"**{escape(course.say('example'))}: {head}**", "", *quoted, ""]
            if i == 0:
                examples += [f"*{escape(course.say('example_note'))}*", ""]
            examples += [f"{escape(course.say('signs'))}{marks(e.sources)}:", ""]
            examples += [f"- {escape(s)}" for s in e.signs] + [""]
        for point in lesson.points:
            if point.show == "examples":
                out += examples
            elif point.show == "contacts":
                title = (
                    course.say("contacts", region=guide.region_name)
                    if guide.region_name
                    else course.say("contacts_anywhere")
                )
                out += (
                    [f"**{escape(title)}**", ""]
                    + [f"- {escape(c.who)}: {escape(c.how)}" for c in guide.contacts]
                    + [""]
                )
            else:
                out += [escape(point.text) + marks(point.sources), ""]
        if not placed:
            out += examples
        for q in lesson.questions:
            asked += 1
            out += [
                f"### {escape(course.say('question', n=asked, total=len(course.questions)))}",
                "",
                escape(q.prompt),
                "",
            ]
            for k, o in enumerate(q.options, 1):
                mark = RIGHT if k == q.answer else WRONG
                out.append(f"{k}. {escape(o.text)}  \n   {mark} {escape(o.why)}")
            out.append("")
        out += [f"**{escape(course.say('sources'))}**", ""]
        out += [f"{k}. {escape(course.sources[s].title)}: <{course.sources[s].url}>" for s, k in numbers.items()] + [""]
    return "\n".join(out)


def render_json(course: Course) -> str:
    """The course as data: what the lesson file says, checked, with answers and sources."""
    from dataclasses import asdict

    from hygiene.inert import json_text

    doc = asdict(course)
    doc["reviewed_on"] = course.reviewed_on.isoformat() if course.reviewed_on else None
    doc["sources"] = [{**asdict(s), "checked": s.checked.isoformat()} for s in course.sources.values()]
    return json_text(doc)
