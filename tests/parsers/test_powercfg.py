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
