"""Errors the user can act on: the CLI prints them plainly and exits 2, never a traceback."""


class UserError(Exception):
    """Bad usage or bad input (a file, an option value): the message says what and where."""
