"""What a lesson and a question look like in the terminal: Rich renderables built from a
course's text (always Text, never markup: a lesson file cannot style or move the terminal).
The session and the workshop both draw with these; only the pacing differs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hygiene.learn.lessons import Course, Example, Lesson, Question

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from hygiene.data.incident import IncidentGuide

READING_WIDTH = 80  # lines longer than this are hard to read, whatever the terminal's width
RIGHT, WRONG = "✔", "✗"  # beside an option's explanation: the right answer, or not


def numbered(lesson: Lesson) -> dict[str, int]:
    """The lesson's sources, numbered in the order they are first cited: [1], [2]..."""
    order: dict[str, int] = {}
    cited = [s for p in lesson.points for s in p.sources] + [s for e in lesson.examples for s in e.sources]
    for source in cited:
        order.setdefault(source, len(order) + 1)
    return order


def marks(sources: tuple[str, ...], numbers: dict[str, int]) -> str:
    return "".join(f" [{n}]" for n in sorted(numbers[s] for s in sources))


def title(course: Course, quiz: bool) -> RenderableType:
    from rich.text import Text

    key = "quiz_title" if quiz else "title"
    return Text(course.say(key, total=len(course.questions), minutes=course.minutes), style="bold")


def line(text: str, style: str = "") -> RenderableType:
    from rich.text import Text

    return Text(text, style=style)


def lesson_score(course: Course, right: int, total: int) -> RenderableType:
    return line(course.say("lesson_score", right=right, total=total), "dim")


def lesson_header(course: Course, lesson: Lesson, n: int) -> RenderableType:
    from rich.console import Group
    from rich.rule import Rule
    from rich.text import Text

    long = course.say("minute" if lesson.minutes == 1 else "minutes", minutes=lesson.minutes)
    where = f"{course.say('lesson', n=n, total=len(course.lessons))} · {long}"
    return Group(Rule(Text(where), style="dim"), Text(lesson.title, style="bold"), Text(""))


def lesson_blocks(course: Course, lesson: Lesson, guide: IncidentGuide) -> list[RenderableType]:
    """The lesson's parts (Lesson.parts), one block each ending in a blank line, so that a
    screen can be filled block by block (pages)."""
    from rich.console import Group
    from rich.text import Text

    from hygiene.reporters.wrap import Prose

    numbers = numbered(lesson)
    blank = Text("")
    blocks: list[RenderableType] = []
    for part in lesson.parts():
        if isinstance(part, Example):
            first = part is lesson.examples[0]
            blocks.append(Group(example(course, part, numbers, first=first), blank))
        elif part.show == "contacts":
            blocks.append(Group(contacts(course, guide), blank))
        else:
            blocks.append(Group(Prose(part.text + marks(part.sources, numbers)), blank))
    return blocks


def lesson_body(course: Course, lesson: Lesson, guide: IncidentGuide) -> RenderableType:
    """The whole lesson with its sources listed, for a handout."""
    from rich.console import Group

    return Group(*lesson_blocks(course, lesson, guide), sources(course, numbered(lesson)))


def sources_note(course: Course) -> RenderableType:
    """At the terminal, where a list of addresses would push the lesson off the screen, the
    [n] marks are explained instead; the handout lists the same numbers with links."""
    return line(course.say("sources_note"), "dim")


def pages(console: Console, blocks: list[RenderableType], width: int, room: int) -> list[list[RenderableType]]:
    """`blocks` grouped into screens of at most `room` lines at `width` (a block taller than
    that is a screen of its own): a lesson is read a screen at a time, never scrolled past."""
    grouped: list[list[RenderableType]] = []
    used = room
    for block in blocks:
        height = len(console.render_lines(block, console.options.update(width=width), pad=False))
        if used + height > room and (not grouped or grouped[-1]):
            grouped.append([])
            used = 0
        grouped[-1].append(block)
        used += height
    return grouped


def example(course: Course, message: Example, numbers: dict[str, int], first: bool = True) -> RenderableType:
    """A message as it would arrive, in a box, then what gives it away; the first of a lesson's
    examples says under it that they are all invented."""
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    from hygiene.reporters.wrap import Prose, hanging

    head = course.say(f"kind_{message.kind}", sender=message.sender)
    body: list[RenderableType] = []
    if message.subject:
        body.append(Text(course.say("subject", subject=message.subject), style="bold"))
    body.append(Prose(message.text))
    panel = Panel(Group(*body), title=Text(head), title_align="left", box=box.ROUNDED, expand=False, padding=(0, 1))
    signs = hanging([("-", s) for s in message.signs])
    note = [Padding(Text(course.say("example_note"), style="dim"), (0, 0, 0, 1))] if first else []
    return Group(
        Text(course.say("example"), style="bold"),
        panel,
        *note,
        Text(f" {course.say('signs')}{marks(message.sources, numbers)}", style="bold"),
        signs,
    )


def contacts_title(course: Course, guide: IncidentGuide) -> str:
    if guide.region_name:
        return course.say("contacts", region=guide.region_name)
    return course.say("contacts_anywhere")


def contacts(course: Course, guide: IncidentGuide) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from hygiene.reporters.wrap import hanging

    return Group(
        Text(contacts_title(course, guide), style="bold"), hanging([("-", f"{c.who}: {c.how}") for c in guide.contacts])
    )


def sources(course: Course, numbers: dict[str, int]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from hygiene.reporters.wrap import hanging

    rows = [(f"[{n}]", f"{course.sources[s].title}: {course.sources[s].url}") for s, n in numbers.items()]
    return Group(Text(course.say("sources"), style="dim bold"), hanging(rows))


def question(course: Course, q: Question, n: int, total: int) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from hygiene.reporters.wrap import Prose, hanging

    options = hanging([(f"{k}", o.text) for k, o in enumerate(q.options, 1)])
    return Group(Text(course.say("question", n=n, total=total), style="bold"), Prose(q.prompt), options)


def choices(q: Question) -> str:
    return ", ".join(str(k) for k in range(1, len(q.options) + 1))


def feedback(course: Course, q: Question, chosen: int) -> RenderableType:
    """Right or wrong, and why: the option chosen, and the right one when it was not."""
    from rich.console import Group
    from rich.text import Text

    from hygiene.reporters.wrap import hanging

    right = chosen == q.answer
    verdict = Text(course.say("right") if right else course.say("wrong", answer=q.answer), style="bold")
    verdict.stylize("green" if right else "yellow")
    rows = [(f"{RIGHT if right else WRONG} {chosen}", q.options[chosen - 1].why)]
    if not right:
        rows.append((f"{RIGHT} {q.answer}", q.options[q.answer - 1].why))
    return Group(verdict, hanging(rows))


def every_why(course: Course, q: Question) -> RenderableType:
    """The answer and why each option is right or wrong: for a room that chose all of them."""
    from rich.console import Group
    from rich.text import Text

    from hygiene.reporters.wrap import hanging

    rows = [(f"{RIGHT if k == q.answer else WRONG} {k}", o.why) for k, o in enumerate(q.options, 1)]
    return Group(Text(course.say("the_answer", answer=q.answer), style="bold green"), hanging(rows))


def unreviewed(course: Course) -> RenderableType | None:
    from rich.text import Text

    return None if course.reviewed else Text(course.say("unreviewed"), style="yellow")
