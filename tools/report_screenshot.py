"""Render a demo machine's HTML report and photograph it in headless Chromium: docs/report.png,
the picture in the README. Needs Debian's `chromium` package; regenerate after a change to
the HTML report:

    PYTHONPATH=src python tools/report_screenshot.py [--demo NAME] [--out docs/report.png]

chromium() is also what tests/reporters/test_html_chromium.py runs, so the picture and the
test see the page the same way."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--mute-audio")


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(page: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Chromium run once on `page` with `args` (--screenshot=..., --print-to-pdf=...), in a
    profile of its own, logging the page's console to stderr: each message is a line with
    `:CONSOLE` in it (a Content Security Policy violation, a script error)."""
    binary = chromium_binary()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="hygiene-chromium-") as profile:
        argv = [binary, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args, page.as_uri()]
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)


def console_messages(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in run.stderr.splitlines() if ":CONSOLE" in line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", default="neglected-windows-laptop")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()

    from dataclasses import replace

    from hygiene.data.demos import load_demo
    from hygiene.engine import run_audit
    from hygiene.registry import CHECKS
    from hygiene.reporters import OutputFormat, render

    system, title = load_demo(args.demo)
    result = replace(run_audit(system, CHECKS, source="demo", demo=title), duration_s=0.1)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(render(result, OutputFormat.HTML), encoding="utf-8")
        shot = Path(folder) / "shot.png"
        run = chromium(page, f"--screenshot={shot}", "--window-size=900,1100")
        if run.returncode != 0 or not shot.exists() or console_messages(run):
            raise SystemExit(f"chromium failed ({run.returncode}):\n{run.stderr[-2000:]}")
        if pngquant := shutil.which("pngquant"):  # a third of the size, the same to the eye
            subprocess.run([pngquant, "--force", "--output", str(args.out), "64", str(shot)], check=True, timeout=60)
        else:
            shutil.copyfile(shot, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
