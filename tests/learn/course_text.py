"""A small valid lesson file for tests of the runner and the loader: the six lessons with two
questions each, the real English file's [ui] sentences, and knobs for what a test varies."""

from __future__ import annotations

import tomllib
from importlib import resources

from hygiene.learn.lessons import LESSON_IDS


def real_ui() -> dict[str, str]:
    text = (resources.files("hygiene.data") / "lessons" / "en.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["ui"]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def course_toml(
    *, language: str = "en", direction: str = "ltr", reviewed: bool = True, extra_point: str = "", answer: int = 2
) -> str:
    ui = "\n".join(f"{key} = {_quote(value)}" for key, value in real_ui().items())
    reviewer = '"the hygiene maintainers"' if reviewed else '""'
    reviewed_on = "2026-12-01" if reviewed else '""'
    lines = [
        "[meta]",
        f'language = "{language}"',
        'name = "Testish"',
        f'direction = "{direction}"',
        'translated_from = ""',
        f"reviewed_by = {reviewer}",
        f"reviewed_on = {reviewed_on}",
        "minutes = 10",
        "[ui]",
        ui,
        "[[sources]]",
        'id = "guide"',
        'title = "A guide"',
        'url = "https://guide.example/page"',
        "checked = 2026-12-01",
    ]
    for lid in LESSON_IDS:
        lines += [
            "[[lessons]]",
            f'id = "{lid}"',
            f'title = "Lesson {lid}"',
            "minutes = 2",
            "[[lessons.points]]",
            f'text = "Point one of {lid}: 2 facts."',
            'sources = ["guide"]',
        ]
        if extra_point:
            lines += ["[[lessons.points]]", extra_point]
        if lid == "phishing":
            lines += [
                "[[lessons.examples]]",
                'kind = "sms"',
                'sender = "8001"',
                'text = "Your card is blocked. Verify: https://yourbank-verify.example/x"',
                'signs = ["A link to type your PIN into"]',
                'sources = ["guide"]',
            ]
        if lid == "incident":
            lines += ["[[lessons.points]]", 'show = "contacts"']
        for k in (1, 2):
            lines += [
                "[[lessons.questions]]",
                f'id = "{lid}-{k}"',
                f'prompt = "Question {k} about {lid}?"',
                f"answer = {answer}",
            ]
            for o in (1, 2, 3):
                lines += [
                    "[[lessons.questions.options]]",
                    f'text = "Option {o} of {lid}-{k}"',
                    f'why = "Why {o} of {lid}-{k}"',
                ]
    return "\n".join(lines) + "\n"
