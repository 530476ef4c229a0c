"""The helpers every parser shares."""

from hygiene.parsers import deciding_line, excerpt


def test_deciding_line_is_stripped_bounded_and_printable():
    assert deciding_line("  FileVault is On.\n") == "FileVault is On."
    assert deciding_line("a\x1b[31mb\x00") == "a?[31mb?"
    assert deciding_line("ProductVersion:\t\t14.0\t") == "ProductVersion: 14.0"
    assert deciding_line("x" * 500) == "x" * 200 + "…"


def test_excerpt_is_quoted_and_bounded():
    assert excerpt("  Encryption in progress  ") == "'Encryption in progress'"
    assert excerpt("y" * 100) == repr("y" * 60 + "…")
