"""Hostile snapshots and results: mutated documents give a report or a clear error (exit 2),
never a traceback, an exit 1 that a script would read as a verdict, or a stall.

The default run is a few hundred cases per kind. A long run, for a change to the loaders:
    HYGIENE_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_files_fuzz.py
"""

from __future__ import annotations

import copy
import json

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from hygiene.cli.app import app
from hygiene.reporters import render
from tests.helpers import fuzz_settings
from tests.shared_result import shared_result, shared_snapshot_doc

FUZZ = fuzz_settings(100)

# Values an attacker would put where a string, a number or a list is expected.
HOSTILE_VALUES = st.one_of(
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=30),
    st.sampled_from(
        [
            "\x1b]0;pwned\x07",
            "[/bold]",
            "\ud800",
            "2026-13-45T99:99:99",
            "not a date",
            "9" * 5000,
            "",
            "ENC-001",
            "C:\\x",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(doc, prefix=()):
    """Every place in a document: (path to it, container)."""
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*prefix, i))


def _mutate(doc, data):
    for _ in range(data.draw(st.integers(1, 3))):
        places = [p for p in _paths(doc) if p]
        if not places:
            break
        path = data.draw(st.sampled_from(places))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete", "nest"]))
        if action == "delete" and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif action == "nest":
            parent[path[-1]] = json.loads("[" * 50 + "]" * 50)
        else:
            parent[path[-1]] = data.draw(HOSTILE_VALUES)
    return doc


def _text_mutations(text, data):
    kind = data.draw(st.sampled_from(["truncate", "flip", "insert", "deep"]))
    if kind == "truncate":
        return text[: data.draw(st.integers(0, len(text)))]
    if kind == "flip":
        i = data.draw(st.integers(0, len(text) - 1))
        return text[:i] + data.draw(st.characters()) + text[i + 1 :]
    if kind == "insert":
        i = data.draw(st.integers(0, len(text)))
        return text[:i] + data.draw(st.sampled_from(["\x00", "\\ud800", '"', "{", "1e999999", "-"])) + text[i:]
    return "[" * 100_000 + "]" * 100_000


def _judge(result):
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 1:  # only --fail-under may say 1, and these runs give none
        raise AssertionError(f"exit 1 without --fail-under: {result.output}")


@FUZZ
@given(data=st.data())
def test_mutated_snapshots_are_audited_or_refused(tmp_path_factory, data):
    doc = _mutate(copy.deepcopy(shared_snapshot_doc()), data)
    path = tmp_path_factory.mktemp("snap") / "snap.json"
    text = json.dumps(doc, ensure_ascii=False)
    if data.draw(st.booleans()):
        text = _text_mutations(text, data)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    fmt = data.draw(st.sampled_from(["json", "table", "markdown"]))
    _judge(CliRunner().invoke(app, ["audit", "--snapshot", str(path), "-f", fmt]))


@FUZZ
@given(data=st.data())
def test_mutated_results_are_rendered_or_refused(tmp_path_factory, data):
    doc = _mutate(json.loads(render(shared_result(), "json")), data)
    path = tmp_path_factory.mktemp("result") / "result.json"
    text = json.dumps(doc, ensure_ascii=False)
    if data.draw(st.booleans()):
        text = _text_mutations(text, data)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    fmt = data.draw(st.sampled_from(["json", "table", "markdown"]))
    _judge(CliRunner().invoke(app, ["report", str(path), "-f", fmt]))
