from pathlib import Path

from hygiene.registry import CHECKS
from hygiene.reporters import OutputFormat
from hygiene.reporters.catalogue import render_catalogue

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "checks.md"


def test_the_docs_catalogue_is_generated_from_the_code():
    expected = render_catalogue(sorted((c.meta for c in CHECKS), key=lambda m: m.id), OutputFormat.MARKDOWN)
    assert DOCS.read_text(encoding="utf-8") == expected, "regenerate: hygiene checks -f markdown > docs/checks.md"


def test_the_readme_sample_is_the_golden_report():
    """The README shows real output: the shared result, as the table reporter prints it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    golden = (ROOT / "tests" / "reporters" / "golden" / "result.txt").read_text(encoding="utf-8")
    assert f"```\n{golden}```\n" in readme, "paste tests/reporters/golden/result.txt into the README's sample block"


def test_the_readme_counts_the_services_the_table_has():
    from hygiene.mfa.services import service_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{len(service_table().services)} common services" in readme
