"""`hygiene learn handout` at the terminal (the `table` format), in Markdown and as JSON: the
whole course to read, print or feed to another tool, every question with every option's
explanation. The terminal text is drawn with the session's own screens (learn.screens), so it
reads exactly as the lessons do; the page is reporters.handout_html."""

from __future__ import annotations

from hygiene.data.incident import IncidentGuide
from hygiene.learn.lessons import Course
from hygiene.reporters import Style


def render_text(course: Course, guide: IncidentGuide, style: Style, answers: bool = True) -> str:
    from hygiene.learn import screens
    from hygiene.reporters.console import console_for, strip_padding

    console, buffer = console_for(style)
    width = min(style.width, screens.READING_WIDTH)
    note = screens.unreviewed(course)
    about = course.say("handout_about", questions=len(course.questions), minutes=course.minutes)
    for renderable in (screens.line(about, "bold"), note):
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
            if answers:
                console.print(screens.every_why(course, q), width=width)
    return strip_padding(buffer.getvalue())


def render_markdown(course: Course, guide: IncidentGuide, answers: bool = True) -> str:
    from hygiene.learn.lessons import Example
    from hygiene.learn.screens import RIGHT, WRONG, contacts_title, marks, numbered
    from hygiene.reporters.markdown import cell as escape

    out = [f"# {escape(course.say('title', minutes=course.minutes))}", ""]
    out += [escape(course.say("handout_about", questions=len(course.questions), minutes=course.minutes)), ""]
    if not course.reviewed:
        out += [f"> {escape(course.say('unreviewed'))}", ""]
    asked = 0
    for n, lesson in enumerate(course.lessons, 1):
        numbers = numbered(lesson)
        out += [
            f"## {escape(lesson.title)}",
            "",
            f"*{escape(course.say('lesson', n=n, total=len(course.lessons)))}*",
            "",
        ]
        for part in lesson.parts():
            if isinstance(part, Example):
                head = escape(course.say(f"kind_{part.kind}", sender=part.sender))
                subject = [f"> **{escape(course.say('subject', subject=part.subject))}**", ">"] if part.subject else []
                quoted = subject + [f"> {escape(line)}" if line else ">" for line in part.text.split("\n")]
                out += [f"**{escape(course.say('example'))}: {head}**", "", *quoted, ""]
                if part is lesson.examples[0]:
                    out += [f"*{escape(course.say('example_note'))}*", ""]
                out += [f"{escape(course.say('signs'))}{marks(part.sources, numbers)}:", ""]
                out += [f"- {escape(s)}" for s in part.signs] + [""]
            elif part.show == "contacts":
                out += [f"**{escape(contacts_title(course, guide))}**", ""]
                out += [f"- {escape(c.who)}: {escape(c.how)}" for c in guide.contacts] + [""]
            else:
                out += [escape(part.text) + marks(part.sources, numbers), ""]
        for q in lesson.questions:
            asked += 1
            out += [
                f"### {escape(course.say('question', n=asked, total=len(course.questions)))}",
                "",
                escape(q.prompt),
                "",
            ]
            for k, o in enumerate(q.options, 1):
                why = f"  \n   {RIGHT if k == q.answer else WRONG} {escape(o.why)}" if answers else ""
                out.append(f"{k}. {escape(o.text)}{why}")
            out.append("")
        out += [f"**{escape(course.say('sources'))}**", ""]
        out += [f"{k}. {escape(course.sources[s].title)}: <{course.sources[s].url}>" for s, k in numbers.items()] + [""]
    return "\n".join(out)


def render_json(course: Course, answers: bool = True) -> str:
    """The course as data: what the lesson file says, checked, with its sources; without
    `answers`, no question says which option is right or why."""
    from dataclasses import asdict

    from hygiene.inert import json_text

    doc = asdict(course)
    doc["reviewed_on"] = course.reviewed_on.isoformat() if course.reviewed_on else None
    doc["sources"] = [{**asdict(s), "checked": s.checked.isoformat()} for s in course.sources.values()]
    if not answers:
        for lesson in doc["lessons"]:
            for q in lesson["questions"]:
                del q["answer"]
                for o in q["options"]:
                    del o["why"]
    return json_text(doc)
