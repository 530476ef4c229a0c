"""ISO 3166-1 alpha-2 country codes: what a profile's `region` may be, and the country a
user's locale names, to suggest one."""

import re
from collections.abc import Mapping

ISO_3166_ALPHA2 = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split()
)
# Not ISO codes, but what people type; the message suggests the right one.
ALIASES = {"UK": "GB", "EL": "GR"}
EU_MEMBERS = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())


def country_code(typed: str) -> str | None:
    """What a person typed as their country, as the ISO code it names (uk and UK are GB), or
    None when it names none."""
    code = ALIASES.get(typed.strip().upper(), typed.strip().upper())
    return code if code in ISO_3166_ALPHA2 else None


# language_TERRITORY[.codeset][@modifier]: en_GB.UTF-8, ur_PK, de_DE@euro
_LOCALE = re.compile(r"[a-z]{2,3}_([A-Z]{2})(?:[.@]|$)")


def locale_region(environ: Mapping[str, str]) -> str | None:
    """The country of the user's locale, read as POSIX does (the first of LC_ALL, LC_MESSAGES
    and LANG that is set): en_GB.UTF-8 is GB, ur_PK is PK. None for C, POSIX, a language
    without a country, or anything else: a guess, only ever offered as one."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            m = _LOCALE.match(value)
            return m.group(1) if m and m.group(1) in ISO_3166_ALPHA2 else None
    return None
