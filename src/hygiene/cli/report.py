"""`hygiene report`: re-render a saved JSON result in another format."""

from pathlib import Path
from typing import Annotated

import typer

from hygiene.cli.common import check_output, emit, hint_for_files, stdout_style, user_errors
from hygiene.cli.options import ForceOpt, OutputOpt, chosen_format, format_option


def report(
    result_file: Annotated[Path, typer.Argument(metavar="RESULT.json", help="A result from `hygiene audit -f json`.")],
    fmt: format_option("report", output=True) = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Re-render a saved JSON result as a table, markdown, JSON, HTML, JUnit XML or CSV."""
    from hygiene.files import load_document, when
    from hygiene.reporters import render
    from hygiene.results import RESULT_SCHEMA_VERSION, from_document

    check_output(output, force)
    with user_errors():
        doc = load_document(result_file, "hygiene-result", "result-v1", RESULT_SCHEMA_VERSION)
        when(result_file, doc, "started_at")
        fmt = chosen_format("report", fmt, output)
        emit(render(from_document(doc), fmt, stdout_style(output is not None)), output, force)
    hint_for_files(fmt, output)
