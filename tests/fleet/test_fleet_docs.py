"""The README's fleet sample is what `hygiene fleet summarize` prints (its first part), and the
README's failure record is one the summary reads."""

import json
import os
import re
from pathlib import Path

from hygiene.fleet.records import failure_of
from hygiene.reporters import OutputFormat, Style
from hygiene.reporters.fleet import render
from tests.fleet.docs import office
from tests.test_docs import REGENERATE, SAMPLE_WIDTH

README = Path(__file__).resolve().parents[2] / "README.md"
MARKER = "<!-- generated: hygiene fleet summarize, the demo machines and two failure records -->\n```\n"
CHECK_ROW = re.compile(r"^ +\d+ +\d+ +\+")


def sample() -> str:
    """The summary down to its first check and that check's fixes."""
    lines = render(office(), OutputFormat.TABLE, Style(color=False, width=SAMPLE_WIDTH)).splitlines()
    rows = [n for n, line in enumerate(lines) if CHECK_ROW.match(line)]
    return "\n".join([*lines[: rows[1]], "..."]) + "\n"


def test_the_readme_sample_is_what_the_code_prints():
    readme = README.read_text(encoding="utf-8")
    assert readme.count(MARKER) == 1, "the README lost its fleet sample's marker"
    start = readme.index(MARKER) + len(MARKER)
    end = readme.index("```\n", start)
    expected = sample()
    if os.environ.get("UPDATE_GOLDEN"):
        readme, end = readme[:start] + expected + readme[end:], start + len(expected)
        README.write_text(readme, encoding="utf-8")
    assert readme[start:end] == expected, REGENERATE


def test_the_readme_failure_record_is_read():
    readme = README.read_text(encoding="utf-8")
    start = readme.index('```json\n{"format": "hygiene-fleet-failure"') + len("```json\n")
    doc = json.loads(readme[start : readme.index("```", start)])
    assert failure_of(doc, "web1.failure.json", (0, 0)).stage == "unreachable"
