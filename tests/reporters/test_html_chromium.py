"""The HTML report in a real browser (Debian's headless Chromium, installed by .ci/run): it
draws, reports no console message (a Content Security Policy violation would be one), takes a
screenshot and prints to PDF."""

import importlib.util
import re

import pytest

from hygiene.reporters import OutputFormat, render
from tests.helpers import ROOT
from tests.reporters.hostile import hostile_result
from tests.shared_result import shared_result

spec = importlib.util.spec_from_file_location("report_screenshot", ROOT / "tools" / "report_screenshot.py")
browser = importlib.util.module_from_spec(spec)
spec.loader.exec_module(browser)

pytestmark = pytest.mark.skipif(
    browser.chromium_binary() is None, reason="chromium is not installed (.ci/run installs Debian's chromium)"
)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render(shared_result(), OutputFormat.HTML), encoding="utf-8")
    return path


def test_chromium_draws_the_report_without_a_console_message(page, tmp_path):
    shot = tmp_path / "report.png"
    run = browser.chromium(page, f"--screenshot={shot}", "--window-size=1000,1400")
    assert run.returncode == 0, run.stderr[-2000:]
    assert browser.console_messages(run) == []
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000  # a drawn page, not a blank one
    assert int.from_bytes(data[16:20], "big") == 1000 and int.from_bytes(data[20:24], "big") == 1400


def test_chromium_prints_the_report_to_pdf_on_several_pages(page, tmp_path):
    pdf = tmp_path / "report.pdf"
    run = browser.chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert run.returncode == 0, run.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 50_000
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") + data.count(b"/Type /Page ") >= 3


def test_a_broken_policy_is_seen_so_a_clean_run_means_something(page, tmp_path):
    """The check above would pass on a browser that logged nothing: a wrong style hash must be reported."""
    broken = tmp_path / "broken.html"
    broken.write_text(page.read_text(encoding="utf-8").replace("sha256-", "sha256-X", 1), encoding="utf-8")
    run = browser.chromium(broken, f"--screenshot={tmp_path / 'broken.png'}")
    assert any("Content Security Policy" in line for line in browser.console_messages(run)), run.stderr[-2000:]


def test_hostile_text_runs_nothing_in_the_browser(tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render(hostile_result(), OutputFormat.HTML), encoding="utf-8")
    run = browser.chromium(path, "--dump-dom")
    assert run.returncode == 0 and browser.console_messages(run) == []
    dom = run.stdout  # the page as the browser built it: text is serialised escaped, tags are not
    assert "<script" not in dom and re.search(r"<[^>]*\son\w+=", dom) is None and "&lt;script&gt;" in dom
