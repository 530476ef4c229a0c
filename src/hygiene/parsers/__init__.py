"""Pure `str -> dataclass` parsers, one module per tool; each names the command it parses."""


class ParseError(ValueError):
    """The text is not in a form this parser knows; the check reports UNKNOWN with this."""
