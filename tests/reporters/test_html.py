"""The HTML report, parsed back: its parts and numbers, its Content Security Policy and
self-containment, and hostile text in every field kept as text."""

import base64
import hashlib
from html.parser import HTMLParser

import pytest

from hygiene.inert import inert
from hygiene.model import Evidence, Status
from hygiene.reporters import OutputFormat, render
from hygiene.reporters.html import code_spans
from hygiene.reporters.text import STATUS_LABEL, undecided
from tests.reporters.hostile import HOSTILE, hostile_result
from tests.shared_result import shared_result

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "article", "div", "p",
    "h1", "h2", "h3", "h4", "ol", "ul", "li", "dl", "dt", "dd", "strong", "span", "code", "a",
    "svg", "path", "text", "rect", "line", "polyline", "circle",
}  # fmt: skip


class Page(HTMLParser):
    """Every element with its attributes and the text inside it (nested text counts for each)."""

    VOID = {"meta"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.open: list[dict] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self.open:
            element["text"] += data

    def all(self, tag: str, **attrs: str) -> list[dict]:
        return [e for e in self.elements if e["tag"] == tag and all(e["attrs"].get(k) == v for k, v in attrs.items())]

    def text_of(self, tag: str, **attrs: str) -> list[str]:
        return [" ".join(e["text"].split()) for e in self.all(tag, **attrs)]


@pytest.fixture(scope="module")
def page():
    return Page(render(shared_result(), OutputFormat.HTML))


def _is_self_contained(page: Page) -> None:
    assert {e["tag"] for e in page.elements} <= ALLOWED_TAGS
    assert not page.all("script") and not page.all("link") and not page.all("img") and not page.all("iframe")
    for e in page.elements:
        assert not any(name.startswith("on") or name in ("src", "srcset", "style") for name in e["attrs"]), e
        href = e["attrs"].get("href")
        assert href is None or href.startswith(("https://", "http://")), href
    (style,) = page.all("style")
    assert "url(" not in style["text"] and "@import" not in style["text"]


def test_the_page_is_self_contained_and_its_policy_allows_only_its_style(page):
    assert page.all("html")[0]["attrs"] == {"lang": "en"}
    (csp,) = page.all("meta", **{"http-equiv": "Content-Security-Policy"})
    policy = dict(d.strip().split(" ", 1) for d in csp["attrs"]["content"].split(";"))
    style = page.all("style")[0]["text"]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert policy == {
        "default-src": "'none'",
        "style-src": f"'sha256-{digest}'",
        "img-src": "data:",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    assert page.elements.index(csp) < page.elements.index(page.all("style")[0])  # in force before the style
    assert page.all("meta", name="viewport") and "@media print" in style and "size: A4" in style
    _is_self_contained(page)


def test_the_score_gauge_and_a_bar_per_category_with_its_coverage(page):
    gauge = page.all("svg", **{"class": "gauge"})[0]
    assert gauge["attrs"]["aria-label"] == "Overall score: 50/100" and gauge["attrs"]["role"] == "img"
    assert [e["text"] for e in _inside(page, gauge) if e["tag"] == "text"] == ["50", "of 100 · grade F"]
    assert "coverage 75%: 21 of 28 checks could be decided" in page.text_of("p", **{"class": "note"})
    bars = " ".join(e["text"] for e in _inside(page, page.all("svg", **{"class": "bars"})[0]) if e["tag"] == "text")
    for label, note in [
        ("Passwords", "10/100 F · 50% covered"),
        ("MFA", "45/100 F · 67% covered"),
        ("Updates", "46/100 F · 100% covered"),
        ("Encryption", "100/100 A · 100% covered"),
        ("Backups", "46/100 F · 80% covered"),
        ("Awareness", "67/100 D · 67% covered"),
        ("Device", "38/100 F · 75% covered"),
    ]:
        assert f"{label} {note}" in bars


def test_fix_these_first_lists_the_exact_steps_in_order(page):
    result = shared_result()
    (fix,) = page.all("section", id="fix")
    items = [e for e in page.elements if e["tag"] == "li" and e in _inside(page, fix)]
    todo = result.remediation_order()
    assert len(items) == len(todo)
    for item, f in zip(items, todo, strict=True):
        text = " ".join(item["text"].split())
        assert text.startswith(f"{f.meta.id} {f.meta.title} +{f.points:g} point")
        assert text.endswith(" ".join(f.remediation.replace("`", "").split()))
    assert page.text_of("code")[0] == "sudo apt update && sudo apt upgrade"  # commands stand out


def _inside(page: Page, container: dict) -> list[dict]:
    start = page.elements.index(container)
    end = next(
        (i for i, e in enumerate(page.elements[start + 1 :], start + 1) if e["tag"] == container["tag"]),
        len(page.elements),
    )
    return page.elements[start + 1 : end]


def _terms(page: Page, article: dict) -> dict[str, str]:
    """An article's <dl> as {term: description}."""
    inside = _inside(page, article)
    terms = [" ".join(e["text"].split()) for e in inside if e["tag"] == "dt"]
    return dict(zip(terms, [" ".join(e["text"].split()) for e in inside if e["tag"] == "dd"], strict=True))


def test_what_could_not_be_checked_says_why(page):
    result = shared_result()
    (section,) = page.all("section", id="unknown")
    items = [" ".join(e["text"].split()) for e in _inside(page, section) if e["tag"] == "li"]
    assert [i.split()[1] for i in items] == [f.meta.id for f in undecided(result)]
    assert "UNKNOWN PWD-005 No local account has an empty password: Cannot read /etc/shadow" in " ".join(items)
    assert "7 checks could not tell; they lower coverage, not the score." in " ".join(section["text"].split())


def test_every_finding_with_status_evidence_references_and_the_attested_mark(page):
    result = shared_result()
    articles = {e["attrs"]["id"]: e for e in page.all("article")}
    assert set(articles) == {f.meta.id for f in result.findings}
    for f in result.findings:
        article = articles[f.meta.id]
        text = " ".join(article["text"].split())
        assert text.startswith(f"{STATUS_LABEL[f.finding.status]} {f.meta.id} {f.meta.title}")
        assert " ".join(f.finding.summary.replace("`", "").split()) in text
        assert all(ref in text for ref in f.meta.references)
        badges = [e["text"] for e in _inside(page, article) if e["attrs"].get("class") == "badge attested"]
        assert badges == (["attested"] if f.meta.evidence is Evidence.ATTESTED else [])
        assert ("How to fix" in text) == (f.points > 0)
    terms = _terms(page, articles["UPD-001"])
    assert terms["security_updates"] == "libssl3t64, openssl" and terms["security_count"] == "2"
    assert terms["Severity"] == "critical · fixing it adds +8.5 points"
    statuses = [e["attrs"]["class"] for e in _inside(page, articles["DEV-004"]) if e["tag"] == "span"][0]
    assert statuses == "badge s-not_applicable"
    assert {f.finding.status for f in result.findings} >= {Status.PASS, Status.WARN, Status.FAIL, Status.UNKNOWN}


def test_the_incident_section_ends_the_report(page):
    (section,) = page.all("section", id="incident")
    text = " ".join(section["text"].split())
    assert text.startswith("If something has already happened")
    assert "Where to report in Pakistan (contacts verified" in text
    assert "National Cyber Crime Investigation Agency" in text
    links = [e["attrs"]["href"] for e in _inside(page, section) if e["tag"] == "a"]
    assert links and all(link.startswith("https://") for link in links)


def test_a_demo_machine_says_so_at_the_top():
    from dataclasses import replace

    page = Page(render(replace(shared_result(), source="demo", demo="A demo"), OutputFormat.HTML))
    assert page.text_of("p", **{"class": "demo"}) == ["DEMO machine: A demo; not this computer"]
    assert "(DEMO machine: A demo; not this computer)" in page.text_of("title")[0]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("run `sudo reboot` now", "run <code>sudo reboot</code> now"),
        ("odd ` tick", "odd ` tick"),
        ("`<b>` & `x`", "<code>&lt;b&gt;</code> &amp; <code>x</code>"),
        ("\x1b[31m`a`", "␛[31m<code>a</code>"),
    ],
)
def test_backticks_become_code_and_nothing_else_does(raw, shown):
    assert str(code_spans(raw)) == shown


def test_hostile_text_in_every_field_stays_text():
    """Host name, evidence keys and values, summaries, profile account names, a waiver's reason,
    titles, remediation and references: all hostile, and none of it becomes markup."""
    text = render(hostile_result(), OutputFormat.HTML)
    page = Page(text)
    _is_self_contained(page)
    assert len(page.all("style")) == 1 and len(page.all("title")) == 1 + len(page.all("svg")) + len(page.all("circle"))
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text and "[bold red]rich" in text
    assert "<script" not in text and "</style></title>" not in text and "]]><!--" not in text
    shown = inert(HOSTILE)
    h1 = page.text_of("h1")[0]
    assert h1 == " ".join(f"Security hygiene report: {shown}".split())
    body_text = " ".join(page.all("main")[0]["text"].split())
    flat = " ".join(shown.split())
    # a profile account's name (MFA-005), a waiver's reason (PWD-001), an evidence key and value
    assert f"Accepted until 2027-06-30: {flat}" in body_text
    assert f"on: {flat}" in body_text
    pwd = next(a for a in page.all("article") if a["attrs"]["id"] == "PWD-002")
    assert _terms(page, pwd)[flat] == flat and _terms(page, pwd)["list"] == flat  # an evidence key and value
    assert body_text.count(flat) >= 5 * 32
