"""`hygiene learn handout`: the course as a page, in its language's direction."""

import re

from hygiene.data.incident import incident_guide
from hygiene.learn.lessons import parse_course
from hygiene.reporters.handout_html import render
from tests.learn.course_text import course_toml


def _page(**knobs) -> str:
    return render(parse_course(course_toml(**knobs), "x.toml"), incident_guide("PK"))


def test_an_rtl_language_is_marked_rtl_for_the_browser():
    page = _page(language="ur", direction="rtl")
    assert '<html lang="ur" dir="rtl">' in page
    assert 'dir="ltr">https://guide.example/page</a>' in page  # a URL keeps its own direction
    assert "SMS from <bdi>8001</bdi>" in page  # a sender keeps its own direction: +92 301 ..., not ... 301 92+
    assert '<p dir="auto">Your card is blocked.' in page  # an English message inside Urdu reads left to right


def test_english_is_ltr_and_the_page_is_self_contained():
    page = _page()
    assert '<html lang="en" dir="ltr">' in page
    assert "default-src &#39;none&#39;" in page and "<script" not in page and "http://" not in page
    assert not re.search(r"""src=["']""", page)  # no asset from the network, or from anywhere
    links = re.findall(r'<a href="([^"]+)"( rel="noreferrer")?', page)
    assert links and all(url.startswith("#") or (url == "https://guide.example/page" and rel) for url, rel in links)


def test_every_question_option_and_explanation_is_on_the_page_with_the_answer_marked():
    page = _page()
    for lesson in ("phishing", "incident"):
        for k in (1, 2):
            for o in (1, 2, 3):
                assert f"Option {o} of {lesson}-{k}" in page and f"Why {o} of {lesson}-{k}" in page
    assert page.count('<li class="right">') == 12
    assert "National Cyber Crime Investigation Agency (NCCIA)" in page and "1799" in page
    assert "SMS from <bdi>8001</bdi>" in page and "An invented example" in page


def test_lesson_text_is_escaped_never_markup():
    page = _page(extra_point='text = "Never <script>alert(x)</script> & co"')
    assert "&lt;script&gt;alert(x)&lt;/script&gt; &amp; co" in page and "<script>" not in page


def test_an_unreviewed_translation_says_so_on_the_page():
    assert "has reviewed this text yet" in _page(reviewed=False)
    assert "has reviewed this text yet" not in _page()
