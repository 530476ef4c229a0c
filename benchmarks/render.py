"""Rendering time of every report format for a result with 500 findings, against a baseline
measured in the same run: json.dumps of the result's document, the least any format must do.
Target: each format well under a second on the development machine.

    PYTHONPATH=src python benchmarks/render.py [--runs 7] [--findings 500]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from _timing import median_ms

from hygiene.data.demos import load_demo
from hygiene.engine import run_audit
from hygiene.model import AuditResult
from hygiene.registry import CHECKS
from hygiene.reporters import OutputFormat, Style, render
from hygiene.results import to_document


def big_result(findings: int) -> AuditResult:
    """A demo machine's audit, its findings repeated under new ids until there are `findings`."""
    system, title = load_demo("neglected-windows-laptop")
    result = run_audit(system, CHECKS, source="demo", demo=title)
    base = result.findings
    many = tuple(
        replace(f, meta=replace(f.meta, id=f"{f.meta.id}-{n // len(base):03d}"))
        for n, f in ((n, base[n % len(base)]) for n in range(findings))
    )
    return replace(result, findings=many)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--findings", type=int, default=500)
    args = parser.parse_args()
    result = big_result(args.findings)
    style = Style(color=False, width=100)
    baseline = median_ms(lambda: json.dumps(to_document(result), indent=2, ensure_ascii=False), args.runs)
    print(f"{len(result.findings)} findings; baseline json.dumps of the document {baseline:7.1f} ms")
    slow = []
    for fmt in OutputFormat:
        ms = median_ms(lambda fmt=fmt: render(result, fmt, style), args.runs)
        size = len(render(result, fmt, style).encode())
        if ms >= 1000:
            slow.append(fmt.value)
        print(f"{fmt.value:<10} {ms:8.1f} ms   ratio {ms / baseline:6.1f}   {size / 1024:7.0f} KiB")
    if slow:
        raise SystemExit(f"over a second: {', '.join(slow)}")


if __name__ == "__main__":
    main()
