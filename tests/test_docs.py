from pathlib import Path

from hygiene.registry import CHECKS
from hygiene.reporters import OutputFormat
from hygiene.reporters.catalogue import render_catalogue

DOCS = Path(__file__).resolve().parents[1] / "docs" / "checks.md"


def test_the_docs_catalogue_is_generated_from_the_code():
    expected = render_catalogue(sorted((c.meta for c in CHECKS), key=lambda m: m.id), OutputFormat.MARKDOWN)
    assert DOCS.read_text(encoding="utf-8") == expected, "regenerate: hygiene checks -f markdown > docs/checks.md"
