import os
from pathlib import Path

from hygiene.registry import CHECKS
from hygiene.reporters import OutputFormat
from hygiene.reporters.catalogue import render_catalogue

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "checks.md"


def test_the_docs_catalogue_is_generated_from_the_code():
    expected = render_catalogue(sorted((c.meta for c in CHECKS), key=lambda m: m.id), OutputFormat.MARKDOWN)
    assert DOCS.read_text(encoding="utf-8") == expected, "regenerate: hygiene checks -f markdown > docs/checks.md"


# The README's examples come from one shipped demo machine, so they agree with each other and
# with the code, and a reader can run the same command and see the same report.
SAMPLE_DEMO = "small-office-ubuntu-server"
SAMPLE_WIDTH = 100  # as the golden files
SAMPLE_FINDING = "UPD-004"  # the one finding the JSON example shows
REGENERATE = "the README's samples differ from what hygiene prints now: rerun with UPDATE_GOLDEN=1 (see Development)"


def sample_result():
    from dataclasses import replace

    from hygiene.data.demos import load_demo
    from hygiene.engine import run_audit

    system, title = load_demo(SAMPLE_DEMO)
    return replace(run_audit(system, CHECKS, source="demo", demo=title), duration_s=0.1)  # the one measured value


def compact_json(value, indent=0, taken=0, width=SAMPLE_WIDTH):
    """Valid JSON that keeps whatever fits on one line there, so the example stays short."""
    import json

    inline = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or not value or indent + taken + len(inline) <= width:
        return inline
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k)}: {compact_json(v, indent + 2, len(json.dumps(k)) + 3, width)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{compact_json(v, indent + 2, 1, width)}" for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def readme_samples():
    """Each generated block of the README, by the marker before it, as the code prints it now."""
    import json

    from hygiene.reporters import Style, render

    result = sample_result()
    doc = json.loads(render(result, OutputFormat.JSON))
    doc["findings"] = [f for f in doc["findings"] if f["id"] == SAMPLE_FINDING]
    return {
        f"<!-- generated: hygiene audit --demo {SAMPLE_DEMO} -->\n```\n": render(
            result, OutputFormat.TABLE, Style(color=False, width=SAMPLE_WIDTH)
        ),
        f"<!-- generated: hygiene audit --demo {SAMPLE_DEMO} -f json, one finding kept -->\n```json\n": compact_json(
            doc
        )
        + "\n",
    }


def test_the_readme_samples_are_what_the_code_prints():
    """The opening report and the JSON example are one demo machine's audit, generated."""
    path = ROOT / "README.md"
    readme = path.read_text(encoding="utf-8")
    for marker, expected in readme_samples().items():
        assert readme.count(marker) == 1, f"the README lost its marker {marker!r}"
        start = readme.index(marker) + len(marker)
        end = readme.index("```\n", start)
        if os.environ.get("UPDATE_GOLDEN"):
            readme, end = readme[:start] + expected + readme[end:], start + len(expected)
            path.write_text(readme, encoding="utf-8")
        assert readme[start:end] == expected, REGENERATE


def test_the_json_example_is_a_valid_result_but_for_the_findings_left_out(result_schema):
    import json

    import jsonschema

    text = list(readme_samples().values())[1]
    doc = json.loads(text)
    jsonschema.validate(doc, result_schema)
    assert [f["id"] for f in doc["findings"]] == [SAMPLE_FINDING] and max(map(len, text.splitlines())) < 400


def test_the_readme_counts_the_services_the_table_has():
    from hygiene.mfa.services import service_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{len(service_table().services)} common services" in readme


def test_the_readme_documents_every_exit_code_the_cli_uses():
    from hygiene.cli.common import EXIT_BAD_INPUT, EXIT_BELOW_POLICY, EXIT_CRASH, EXIT_INTERRUPTED

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Exit codes") :]
    table = table[: table.index("\n\n", table.index("| code |"))]
    codes = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ") and "code" not in line]
    assert codes == [str(c) for c in (0, EXIT_BELOW_POLICY, EXIT_BAD_INPUT, EXIT_CRASH, EXIT_INTERRUPTED)]
    for verdict in ("`password check`", "`password audit`", "`backup verify`", "`fail_under`"):
        assert verdict in table  # every command whose verdict is exit 1


def test_the_readme_says_which_names_redact_keeps_and_why():
    from hygiene.snapshot import NOT_IDENTIFYING

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    kept = readme[readme.index("The names every machine shares are kept") :][:400]
    assert all(f"`{name}`" in kept.lower() for name in NOT_IDENTIFYING if name)
    assert "identify no one" in kept and "garble" in kept
