"""`powercfg /query SCHEME_CURRENT <subgroup> <setting>`: the AC and DC values by position."""

import pytest

from hygiene.parsers import ParseError
from hygiene.parsers.powercfg import parse_powercfg_setting
from tests.helpers import fixture


@pytest.mark.parametrize(("case", "values"), [("en-standbyidle", (1800, 900)), ("de-consolelock", (1, 0))])
def test_settings_in_english_and_german(case, values):
    assert parse_powercfg_setting(fixture(f"windows/powercfg/{case}.txt")) == values


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The power scheme, subgroup or setting specified does not exist.\r\n",
        "Current AC Power Setting Index: 0x00000001\r\n",
    ],
)
def test_without_two_values_is_a_parse_error(text):
    with pytest.raises(ParseError):
        parse_powercfg_setting(text)


def test_an_answer_cut_after_its_ac_value_is_a_parse_error():
    """Cut after the AC line, the last two numbers are the increment (1) and the AC value, a
    line apart: read as (AC, DC) they would say 'sleeps after 1 second plugged in'."""
    text = fixture("windows/powercfg/en-standbyidle.txt")
    cut = text[: text.index("Current DC")]
    with pytest.raises(ParseError, match="AC and DC"):
        parse_powercfg_setting(cut)
