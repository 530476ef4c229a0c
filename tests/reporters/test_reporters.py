import json
import os

import jsonschema
import pytest

from hygiene.model import Status
from hygiene.reporters import MODULES, OutputFormat, Style, render
from hygiene.reporters.markdown import cell
from hygiene.results import from_document, to_document
from tests.shared_result import shared_result

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")
EXTENSIONS = {
    OutputFormat.TABLE: "txt",
    OutputFormat.JSON: "json",
    OutputFormat.MARKDOWN: "md",
    OutputFormat.HTML: "html",
    OutputFormat.JUNIT: "xml",
    OutputFormat.CSV: "csv",
}


def test_every_format_maps_to_a_reporter():
    import importlib

    assert set(MODULES) == set(OutputFormat) == set(EXTENSIONS)
    for fmt in OutputFormat:
        assert callable(importlib.import_module(MODULES[fmt]).render)


def test_shared_result_has_every_kind_of_verdict():
    statuses = {f.meta.id: f.finding.status for f in shared_result().findings}
    assert statuses == {
        "PWD-001": Status.FAIL,
        "PWD-002": Status.PASS,
        "PWD-003": Status.FAIL,
        "PWD-004": Status.UNKNOWN,
        "PWD-005": Status.UNKNOWN,
        "PWD-006": Status.UNKNOWN,
        "UPD-001": Status.FAIL,
        "UPD-002": Status.PASS,
        "UPD-003": Status.FAIL,
        "UPD-004": Status.FAIL,
        "UPD-005": Status.PASS,
        "ENC-001": Status.PASS,
        "ENC-002": Status.PASS,
        "ENC-003": Status.NOT_APPLICABLE,
        "MFA-001": Status.NOT_APPLICABLE,
        "MFA-002": Status.NOT_APPLICABLE,
        "MFA-003": Status.FAIL,
        "MFA-004": Status.UNKNOWN,
        "MFA-005": Status.WARN,
        "BAK-001": Status.PASS,
        "BAK-002": Status.WARN,
        "BAK-003": Status.FAIL,
        "BAK-004": Status.FAIL,
        "BAK-005": Status.UNKNOWN,
        "AWR-001": Status.PASS,
        "AWR-002": Status.FAIL,
        "AWR-003": Status.UNKNOWN,
        "DEV-001": Status.UNKNOWN,
        "DEV-002": Status.WARN,
        "DEV-003": Status.FAIL,
        "DEV-004": Status.NOT_APPLICABLE,
        "DEV-005": Status.PASS,
    }


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=lambda f: f.value)
def test_reporters_match_golden_output(fmt):
    """Exact output; after an intended change, rerun with UPDATE_GOLDEN=1 and review the diff."""
    text = render(shared_result(), fmt, Style(color=False, width=100))
    path = os.path.join(GOLDEN, f"result.{EXTENSIONS[fmt]}")
    if os.environ.get("UPDATE_GOLDEN"):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    with open(path, encoding="utf-8") as fh:
        assert text == fh.read()


def test_json_validates_against_the_shipped_schema(result_schema):
    doc = json.loads(render(shared_result(), OutputFormat.JSON))
    jsonschema.validate(doc, result_schema)
    assert (
        doc["score"]["overall"]
        # credit of each decided check over the weights of all of them (a WARN earns half)
        == round(
            100
            * (1 + 6 + 10 + 10 + 3 + 5 + 10 + 3 + 6 + 1.5 + 3)
            / (6 + 1 + 3 + 10 + 6 + 6 + 3 + 10 + 10 + 3 + 1 + 10 + 10 + 6 + 6 + 6 + 6 + 3 + 3 + 6 + 3)
        )
        and doc["score"]["categories"]["backups"]["score"] == round(100 * (10 + 3) / (10 + 6 + 6 + 6))
    )


def test_json_round_trips_through_the_document_form():
    result = shared_result()
    assert from_document(to_document(result)) == from_document(json.loads(json.dumps(to_document(result))))
    for fmt in OutputFormat:
        assert render(from_document(to_document(result)), fmt) == render(result, fmt)


def test_table_colours_only_when_asked():
    plain = render(shared_result(), OutputFormat.TABLE, Style(color=False))
    coloured = render(shared_result(), OutputFormat.TABLE, Style(color=True))
    assert "\x1b[" not in plain and "\x1b[" in coloured


def test_fix_list_is_ordered_by_points():
    text = render(shared_result(), OutputFormat.MARKDOWN)
    checks = ("UPD-001", "BAK-003", "BAK-004", "DEV-003", "PWD-001", "UPD-003", "MFA-005", "BAK-002", "AWR-002")
    order = [text.index(f"{n}. **{check}") for n, check in enumerate(checks, 1)]
    assert order == sorted(order)  # equal points: the heavier check first, then the id (BAK < DEV < PWD < UPD)


@pytest.mark.parametrize(
    ("raw", "safe"),
    [("a|b", "a\\|b"), ("line\nbreak", "line break"), ("<script>", "&lt;script>"), ("back\\slash", "back\\\\slash")],
)
def test_markdown_cells_cannot_break_the_table(raw, safe):
    assert cell(raw) == safe


@pytest.mark.parametrize("fmt", [OutputFormat.TABLE, OutputFormat.MARKDOWN], ids=lambda f: f.value)
@pytest.mark.parametrize(
    ("guess", "says"),
    [
        ("GB", 'Set `region = "GB"` in your profile'),
        ("PK", 'Set `region = "PK"` in your profile'),
        (None, "Set `region` in your profile to your two-letter ISO country code"),
    ],
)
def test_the_region_hint_follows_the_locale(fmt, guess, says):
    """Without a region, the report suggests the country of the user's locale, never always PK."""
    from dataclasses import replace

    text = " ".join(render(replace(shared_result(), region=None), fmt, Style(width=300, region_guess=guess)).split())
    assert says in text.replace("\\", "")
    if guess != "PK":
        assert '"PK"' not in text
    assert 'region = "' not in render(shared_result(), fmt, Style(width=300, region_guess="GB"))  # region set: no hint


@pytest.mark.parametrize("fmt", [OutputFormat.TABLE, OutputFormat.MARKDOWN], ids=lambda f: f.value)
@pytest.mark.parametrize(
    ("region", "heading"),
    [
        ("US", "Where to report in the United States (contacts"),
        ("FR", "Where to report in the European Union (contacts"),
        ("PK", "Where to report in Pakistan (contacts"),
        ("BR", "Where to report (contacts"),
    ],
)
def test_the_contacts_heading_names_the_region_as_english_does(fmt, region, heading):
    from dataclasses import replace

    text = render(replace(shared_result(), region=region), fmt, Style(width=300))
    assert heading in text and "in anywhere" not in text.lower()


def _style_at(coloured: str, needle: str) -> set[str]:
    """The SGR parameters in effect where the last `needle` starts in Rich's coloured output (Rich
    opens each styled segment with its whole style and closes it with a reset)."""
    import re

    before = coloured[: coloured.rindex(needle)]
    codes = re.findall(r"\x1b\[([0-9;]*)m", before)
    return set(codes[-1].split(";")) - {"0"} if codes else set()


def test_only_a_contacts_name_is_bold_and_its_note_is_dim():
    """Text(who, style=...) styles everything appended to it too: whole paragraphs came out bold."""
    out = render(shared_result(), OutputFormat.TABLE, Style(color=True, width=200))
    assert _style_at(out, "National Cyber Crime Investigation Agency") == {"1"}
    assert _style_at(out, ": report cybercrime") == set()
    assert _style_at(out, " NCCIA replaced the FIA") == {"2"}


def test_the_catalogue_bolds_the_title_only():
    from hygiene.registry import CHECKS
    from hygiene.reporters.catalogue import render_catalogue

    metas = sorted((c.meta for c in CHECKS), key=lambda m: m.id)
    out = render_catalogue(metas, OutputFormat.TABLE, Style(color=True, width=200))
    assert _style_at(out, "Security-awareness training in the last 12 months") == {"1"}
    assert _style_at(out, "Awareness · severity high") == {"2"}


@pytest.mark.parametrize(
    ("platform", "name", "version", "shown"),
    [
        ("macos", "macOS", "15.7.4", "macOS 15.7.4"),  # not "macOS (macOS)"
        ("windows", "Windows 10 Home", "10.0.19045", "Windows 10 Home"),
        ("linux", "Ubuntu 22.04.5 LTS", "22.04", "Ubuntu 22.04.5 LTS (Linux)"),  # the name does not say Linux
        ("linux", "Debian GNU/Linux 13 (trixie)", "13", "Debian GNU/Linux 13 (trixie)"),
        ("linux", "", "", "Linux"),
    ],
)
def test_the_host_line_names_the_system_once(platform, name, version, shown):
    from hygiene.model import Host, Platform
    from hygiene.reporters.text import system_text

    assert system_text(Host(Platform(platform), name, version, "pc")) == shown
