"""The SVG charts: well-formed, labelled for screen readers, drawn to the numbers given, and
escaping whatever text they are handed."""

import xml.etree.ElementTree as ET

import pytest

from hygiene.reporters import svg

NS = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert(1)</script>"onmouseover="x" \x1b[31m'


def _parse(text: str) -> ET.Element:
    root = ET.fromstring(text)  # noqa: S314 - hygiene's own output, no entities
    assert root.tag == f"{NS}svg" and root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{NS}title").text == root.get("aria-label")
    return root


def _texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{NS}text")]


def test_gauge_draws_the_score_its_grade_and_an_arc_to_scale():
    root = _parse(svg.gauge(50, "F", label="Overall score: 50/100"))
    assert _texts(root) == ["50", "of 100 · grade F"]
    track, value = root.findall(f"{NS}path")
    assert value.get("stroke") == svg.GRADE_COLOUR["F"]
    assert value.get("d").endswith("A 80 80 0 0 1 100 24")  # half of the half circle: straight up


@pytest.mark.parametrize(("score", "arcs"), [(0, 1), (100, 2), (None, 1), (float("nan"), 1)])
def test_gauge_at_the_ends_and_without_a_score(score, arcs):
    root = _parse(svg.gauge(score, "A" if score == 100 else None, label="score"))
    assert len(root.findall(f"{NS}path")) == arcs
    if score is None or score != score:
        assert _texts(root)[0] == "n/a"
    if score == 100:
        assert root.findall(f"{NS}path")[1].get("d").endswith("180 104")


def test_bars_scale_each_value_and_write_each_note():
    rows = [svg.Bar("Passwords", 10, "10/100 F", "#b42318", 50), svg.Bar("MFA", None, "n/a")]
    root = _parse(svg.bars(rows, label="per category", width=562))
    assert _texts(root) == ["Passwords", "10/100 F", "MFA", "n/a"]
    rects = root.findall(f"{NS}rect")
    track = float(rects[0].get("width"))
    assert track == 562 - 112 - 190
    assert float(rects[1].get("width")) == pytest.approx(track * 0.10)  # the score
    assert float(rects[2].get("width")) == pytest.approx(track * 0.50) and rects[2].get("height") == "4"  # coverage
    assert len(rects) == 4  # MFA: its track only


def test_line_chart_draws_each_series_with_gaps_and_a_legend():
    series = [
        svg.Series("Overall", [(0, 40), (1, 50), (2, None), (3, 70), (4, 80)]),
        svg.Series("Backups", [(0, 100)]),
    ]
    root = _parse(svg.line_chart(series, label="Score over time", x_ticks=[(0, "1 Nov"), (4, "5 Nov"), (9, "gone")]))
    lines = root.findall(f"{NS}polyline")
    assert len(lines) == 2  # the overall line is broken at its gap; one point draws no line
    assert [len(p.get("points").split()) for p in lines] == [2, 2]
    dots = root.findall(f"{NS}circle")
    assert [d.find(f"{NS}title").text for d in dots] == [
        "Overall: 40", "Overall: 50", "Overall: 70", "Overall: 80", "Backups: 100"
    ]  # fmt: skip
    texts = _texts(root)
    assert {"0", "25", "50", "75", "100", "1 Nov", "5 Nov", "Overall", "Backups"} <= set(texts)
    assert "gone" not in texts  # a tick outside the data is left out
    first, last = dots[0], dots[3]
    assert float(first.get("cx")) == 34 and float(last.get("cx")) == 560 - 12  # x spans the plot
    assert float(first.get("cy")) > float(last.get("cy"))  # higher scores are higher up
    legend = [line for line in root.findall(f"{NS}line") if line.get("stroke-width") == "3"]
    assert len(legend) == 2 and legend[0].get("stroke") != legend[1].get("stroke")  # told apart by colour,
    assert legend[1].get("stroke-dasharray") and not legend[0].get("stroke-dasharray")  # and in print by dashes


def test_line_chart_with_one_point_or_none():
    one = _parse(svg.line_chart([svg.Series("Overall", [(1700000000, 42)])], label="one"))
    assert len(one.findall(f"{NS}circle")) == 1 and float(one.find(f"{NS}circle").get("cx")) == pytest.approx(291)
    empty = _parse(svg.line_chart([], label="none"))
    assert "no data yet" in _texts(empty)
    with pytest.raises(ValueError, match="empty"):
        svg.line_chart([], label="x", y_range=(5, 5))


def test_every_text_is_escaped():
    charts = [
        svg.gauge(1, "F", label=EVIL),
        svg.bars([svg.Bar(EVIL, 5, EVIL)], label=EVIL),
        svg.line_chart([svg.Series(EVIL, [(0, 1), (1, 2)])], label=EVIL, x_ticks=[(0, EVIL)]),
    ]
    for chart in charts:
        root = _parse(chart)  # well-formed: nothing broke out of its text or attribute
        assert "<script" not in chart and "\x1b" not in chart
        assert {e.tag.removeprefix(NS) for e in root.iter()} <= {
            "svg",
            "title",
            "path",
            "text",
            "rect",
            "line",
            "polyline",
            "circle",
        }
        assert all(not name.startswith("on") for e in root.iter() for name in e.attrib)
        assert EVIL.replace("\x1b", "␛") in (root.get("aria-label"), *_texts(root))
